/**
 * The newest SDK's HTTP additions, as codbex's generated REST controllers use them
 * (gen/<app>/api/<Entity>Controller.ts of codbex-invoices and codbex-orders, over Dirigible's
 * modules/src/http/decorators.ts, utils.ts and errors/*.ts): `@Documentation` on the class and on
 * each method, `HttpUtils` from `@aerokit/sdk/http/utils`, `ValidationError` and `ForbiddenError`
 * from `@aerokit/sdk/http/errors`, and `utils` / `errors` of `sdk/http`.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

describe("the newest SDK's HTTP additions (@aerokit/sdk/http)", () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  const url = '/services/ts/dirigible/aerokit/NoteController.ts';
  const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

  it('@Documentation changes nothing: the documented controller serves its routes', async () => {
    const client = harness.client();
    const created = await client.request(url, json({ Text: 'milk' }));
    expect(created.status, created.text).to.equal(201);
    expect(created.headers.get('content-location')).to.equal(`${url}/1`);
    expect(created.json()).to.deep.equal({ Text: 'milk', Id: 1 });
    expect((await client.get(`${url}/1`)).json()).to.deep.equal({ Text: 'milk', Id: 1 });
    expect((await client.get(url)).json()).to.deep.equal([{ Text: 'milk', Id: 1 }]);
  });

  it("HttpUtils answers with the status and Dirigible's { code, message } body", async () => {
    const client = harness.client();
    const missing = await client.get(`${url}/7`);
    expect(missing.status).to.equal(404);
    expect(missing.headers.get('content-type')).to.equal('application/json');
    expect(missing.json()).to.deep.equal({ code: 404, message: 'Note not found' });
    const deleted = await client.request(`${url}/1`, { method: 'DELETE' });
    expect(deleted.status).to.equal(204);
    expect(deleted.text).to.equal('');
  });

  it('ValidationError and ForbiddenError are told apart by name', async () => {
    const client = harness.client();
    const invalid = await client.request(url, json({ Other: 1 }));
    expect(invalid.status).to.equal(400);
    expect(invalid.json()).to.deep.equal({
      code: 400,
      message: "The 'Text' property is required, provide a valid value",
    });
    const forbidden = await client.request(url, json({ Text: 'x' }, { 'X-Read-Only': 'true' }));
    expect(forbidden.status).to.equal(403);
    expect(forbidden.json()).to.deep.equal({ code: 403, message: "You don't have permission to access this resource" });
  });

  it('sdk/http has them as utils and errors, in CommonJS too', async () => {
    const response = await harness.client().get('/services/js/dirigible/aerokit/sdk-namespaces.js');
    expect(response.status).to.equal(200);
    expect(response.json()).to.deep.equal({
      utils: true,
      name: 'ValidationError',
      isError: true,
      message: 'bad',
      forbidden: "You don't have permission to access this resource",
    });
  });
});
