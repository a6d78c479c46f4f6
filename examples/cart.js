// A REST service over session data: a shopping cart, kept in the caller's HTTP session.
//   GET    /services/js/cart.js/items        the items, in the order they were added
//   POST   /services/js/cart.js/items        add one: {"name": "apple", "quantity": 2} (JSON only)
//   GET    /services/js/cart.js/items/{id}   one item
//   DELETE /services/js/cart.js/items/{id}   remove one
//   DELETE /services/js/cart.js/items        empty the cart
var rs = require('http/rs');
var session = require('http/v4/session');

function cart() {
  return session.getAttribute('cart') || { nextId: 1, items: [] };
}

function indexOf(items, id) {
  for (var i = 0; i < items.length; i++) if (String(items[i].id) === id) return i;
  return -1;
}

function notFound(response, id) {
  response.setStatus(response.NOT_FOUND);
  response.print(JSON.stringify({ error: 'no item ' + id + ' in the cart' }));
}

rs.service()
  .resource('items')
  .get(function (_ctx, _request, response) {
    response.print(JSON.stringify(cart().items));
  })
  .produces(['application/json'])
  .post(function (_ctx, request, response) {
    var body = request.getJSON();
    if (body === null || typeof body.name !== 'string' || body.name === '') {
      response.setStatus(response.BAD_REQUEST);
      response.print(JSON.stringify({ error: 'an item needs a name' }));
      return;
    }
    var current = cart();
    var item = { id: current.nextId, name: body.name, quantity: Number(body.quantity) || 1 };
    current.items.push(item);
    current.nextId += 1;
    session.setAttribute('cart', current);
    response.setStatus(response.CREATED);
    response.setHeader('Location', 'items/' + item.id);
    response.print(JSON.stringify(item));
  })
  .consumes(['application/json'])
  .produces(['application/json'])
  .delete(function (_ctx, _request, response) {
    session.removeAttribute('cart');
    response.setStatus(response.NO_CONTENT);
  })
  .resource('items/{id}')
  .get(function (ctx, _request, response) {
    var items = cart().items;
    var index = indexOf(items, ctx.pathParameters.id);
    if (index < 0) notFound(response, ctx.pathParameters.id);
    else response.print(JSON.stringify(items[index]));
  })
  .produces(['application/json'])
  .delete(function (ctx, _request, response) {
    var current = cart();
    var index = indexOf(current.items, ctx.pathParameters.id);
    if (index < 0) return notFound(response, ctx.pathParameters.id);
    current.items.splice(index, 1);
    session.setAttribute('cart', current);
    response.setStatus(response.NO_CONTENT);
  })
  .produces(['application/json'])
  .execute();
