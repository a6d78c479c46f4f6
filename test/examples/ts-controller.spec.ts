/**
 * The `.ts` controller example (examples/cart-controller.ts): Dirigible 10's decorators of
 * sdk/http (`@Controller`, `@Get`, `@Post`, `@Delete`) in a TypeScript service, transpiled with its
 * TC39 decorators; a returned value becomes the JSON response, the session carries the cart, in an
 * attribute of its own: cart.js, used in the same session (one browser trying both), breaks nothing.
 */
import { expect } from 'chai';
import { examplesDir } from '../support/paths.js';
import { type Harness, startRuntime } from '../support/runtime-harness.js';

describe('examples: a TypeScript controller with the sdk/http decorators', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ root: examplesDir });
  });
  after(() => harness.close());

  it('adds, lists and removes items of a cart kept in the session', async () => {
    const client = harness.client();
    const url = '/services/ts/cart-controller.ts/items';
    expect((await client.get(url)).json()).to.deep.equal([]);
    const post = (name: string) =>
      client.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
    expect((await post('apple')).json()).to.deep.equal({ added: 'apple', count: 1 });
    expect((await post('pear')).json()).to.deep.equal({ added: 'pear', count: 2 });
    expect((await client.get('/services/js/cart-controller.ts/items')).json()).to.deep.equal([
      { name: 'apple' },
      { name: 'pear' },
    ]);
    const removed = await client.request(`${url}/0`, { method: 'DELETE' });
    expect(removed.json()).to.deep.equal({ count: 1 });
    expect((await client.get(url)).json()).to.deep.equal([{ name: 'pear' }]);
  });

  it("keeps its cart apart from cart.js's in one session: a client using both examples breaks neither", async () => {
    const client = harness.client();
    const jsCart = await client.request('/services/js/cart.js/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'apple' }),
    });
    expect(jsCart.status).to.equal(201);
    const url = '/services/ts/cart-controller.ts/items';
    expect((await client.get(url)).json()).to.deep.equal([]);
    const added = await client.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'pear' }),
    });
    expect(added.status).to.equal(200);
    expect(added.json()).to.deep.equal({ added: 'pear', count: 1 });
    expect((await client.get('/services/js/cart.js/items')).json()).to.deep.equal([
      { id: 1, name: 'apple', quantity: 1 },
    ]);
  });

  it('answers 404 with a coded JSON error for a path no route has', async () => {
    const response = await harness.client().get('/services/ts/cart-controller.ts/nothing');
    expect(response.status).to.equal(404);
    expect(response.json()).to.include({ code: 'ERR_RS_NOT_FOUND' });
  });
});
