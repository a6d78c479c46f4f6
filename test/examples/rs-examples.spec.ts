/**
 * The REST examples `npm start` serves: the rs docs' Basic Usage (CommonJS and ES module) and the
 * shopping cart over session data, through a real runtime.
 */
import { expect } from 'chai';
import { examplesDir } from '../support/paths.js';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

const CART = '/services/js/cart.js/items';
const JSON_BODY = { 'content-type': 'application/json' };

describe('rs examples', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ root: examplesDir });
  });
  after(() => harness.close());

  for (const script of ['docs/rs.js', 'docs/rs.mjs']) {
    it(`${script} (the rs docs' Basic Usage) prints Hello there!`, async () => {
      const response = await harness.client().get(`/services/js/${script}`);
      expect(response.status).to.equal(200);
      expect(response.text).to.equal('Hello there!\n');
    });
  }

  it('cart.js adds, lists, shows and removes items in the session', async () => {
    const client = harness.client();
    expect((await client.get(CART)).json()).to.deep.equal([]);
    const added = await client.request(CART, {
      method: 'POST',
      body: '{"name":"apple","quantity":2}',
      headers: JSON_BODY,
    });
    expect(added.status).to.equal(201);
    expect(added.headers.get('location')).to.equal('items/1');
    expect(added.json()).to.deep.equal({ id: 1, name: 'apple', quantity: 2 });
    await client.request(CART, { method: 'POST', body: '{"name":"pear"}', headers: JSON_BODY });
    expect((await client.get(CART)).json()).to.deep.equal([
      { id: 1, name: 'apple', quantity: 2 },
      { id: 2, name: 'pear', quantity: 1 },
    ]);
    expect((await client.get(`${CART}/2`)).json()).to.deep.equal({ id: 2, name: 'pear', quantity: 1 });
    expect((await client.request(`${CART}/1`, { method: 'DELETE' })).status).to.equal(204);
    expect((await client.get(`${CART}/1`)).status).to.equal(404);
    expect((await client.get(CART)).json()).to.deep.equal([{ id: 2, name: 'pear', quantity: 1 }]);
    expect((await harness.client().get(CART)).json()).to.deep.equal([]);
    expect((await client.request(CART, { method: 'DELETE' })).status).to.equal(204);
    expect((await client.get(CART)).json()).to.deep.equal([]);
  });

  it('cart.js refuses what it cannot take: 400, 415, 405', async () => {
    const client = harness.client();
    expect((await client.request(CART, { method: 'POST', body: '{}', headers: JSON_BODY })).status).to.equal(400);
    const form = await client.request(CART, {
      method: 'POST',
      body: 'name=apple',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).to.equal(415);
    expect(form.json()).to.deep.include({ code: 'ERR_RS_UNSUPPORTED_MEDIA_TYPE' });
    const put = await client.request(`${CART}/1`, { method: 'PUT', body: '{}', headers: JSON_BODY });
    expect(put.status).to.equal(405);
    expect(put.headers.get('allow')).to.equal('GET, HEAD, DELETE, OPTIONS');
  });
});
