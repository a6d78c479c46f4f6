/**
 * TypeScript scripts, as Dirigible 10 serves them at `/services/ts/<project>/<file>.ts`
 * (engine-typescript's TypeScriptEndpoint) and through `/services/js/`: types stripped, never
 * checked; standard decorators in the shape of Dirigible 10's sdk/http/decorators.ts
 * (`@Controller` class, `@Get` / `@Post` methods); a syntax error is a 500 naming file, line and
 * column; a `.ts` file without import or export is a CommonJS script.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

describe('TypeScript scripts', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  const ts = (path: string, init?: RequestInit) => harness.client().request(`/services/ts/dirigible/ts/${path}`, init);

  it('serves a .ts ES module at /services/ts/ and at /services/js/', async () => {
    expect((await ts('hello.ts')).json()).to.deep.equal({ text: 'hello from TypeScript', method: 'GET' });
    const viaJs = await harness.client().get('/services/js/dirigible/ts/hello.ts');
    expect(viaJs.json()).to.deep.equal({ text: 'hello from TypeScript', method: 'GET' });
  });

  it('serves <name>.ts at /services/js/<name>.js when there is no .js file, as Dirigible 10 does', async () => {
    const response = await harness.client().get('/services/js/dirigible/ts/hello.js');
    expect(response.json()).to.deep.equal({ text: 'hello from TypeScript', method: 'GET' });
    expect((await harness.client().get('/services/js/dirigible/ts/absent.js')).status).to.equal(404);
  });

  it('runs a script with a type error', async () => {
    expect((await ts('type-error.ts')).text).to.equal('count: not a number');
  });

  it('runs a CommonJS .ts script', async () => {
    expect((await ts('commonjs.ts')).text).to.equal('visits: 1\n');
  });

  it('a decorated controller routes by resource path and answers JSON', async () => {
    expect((await ts('controller.ts/items')).json()).to.deep.equal(['apple']);
    const added = await ts('controller.ts/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'pear' }),
    });
    expect(added.json()).to.deep.equal({ added: 'pear', count: 2 });
    expect((await ts('controller.ts/nothing')).status).to.equal(404);
  });

  it('a syntax error is a 500 naming the file, line and column; the worker keeps serving', async () => {
    const response = await ts('broken.ts');
    expect(response.status).to.equal(500);
    expect(response.json()).to.deep.include({
      error: 'SyntaxError',
      code: 'ERR_SCRIPT_SYNTAX',
      message: 'dirigible/ts/broken.ts:4:23: Unexpected ";"',
    });
    expect((await ts('hello.ts')).status).to.equal(200);
  });
});
