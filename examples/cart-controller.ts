// A Dirigible 10 style TypeScript service: a shopping cart kept in the session, declared with the
// decorators of sdk/http. Served at /services/ts/cart-controller.ts/items (and /services/js/…).
//   GET    …/items          the items
//   POST   …/items          add { "name": "apple" }
//   DELETE …/items/:index   remove one
// Its items are the session attribute `cartItems`: examples/cart.js keeps its cart, of another
// shape, in `cart`, and a browser trying both examples uses one session for both.
import { Controller, Delete, Get, Post, Session } from 'sdk/http';

/** The session attribute of the items (not cart.js's `cart`). */
const CART = 'cartItems';

interface Item {
  name: string;
}

function items(): Item[] {
  return (Session.getAttribute(CART) as Item[] | null) ?? [];
}

@Controller
class CartController {
  @Get('/items')
  list(): Item[] {
    return items();
  }

  @Post('/items')
  add(body: { name?: unknown }): { added: string; count: number } {
    const name = String(body?.name ?? '');
    const cart = [...items(), { name }];
    Session.setAttribute(CART, cart);
    return { added: name, count: cart.length };
  }

  @Delete('/items/:index')
  remove(_body: unknown, ctx: { pathParameters: { index: string } }): { count: number } {
    const cart = items().filter((_item, i) => i !== Number(ctx.pathParameters.index));
    Session.setAttribute(CART, cart);
    return { count: cart.length };
  }
}
