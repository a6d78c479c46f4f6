/**
 * The `.js` rule and root-path imports: a `.js` file with module syntax runs as an ES module
 * (Dirigible 10's scripts, e.g. components/api/api-http/src/test/resources/.../http-tests/*.js, are
 * all such files); one without stays CommonJS even when a string mentions `import`; ES modules
 * import the application's files by root path ("project/folder/file", as Dirigible 10 applications
 * do) and CommonJS files, with the root confinement of `require()`; `require()` of an ES module
 * is refused with a coded error.
 */
import { expect } from 'chai';
import { isEsModuleSource } from '../../worker/sandbox/module-kind.js';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

describe('ES modules written as .js, root-path imports, CommonJS interplay', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  const get = (path: string) => harness.client().get(`/services/js/dirigible/${path}`);

  describe('the rule (module-kind.ts)', () => {
    it('static import, export and import.meta make a module; .mjs always is one', () => {
      expect(isEsModuleSource('a.js', 'import x from "y";')).to.equal(true);
      expect(isEsModuleSource('a.js', 'export const x = 1;')).to.equal(true);
      expect(isEsModuleSource('a.js', 'const u = import.meta.url;')).to.equal(true);
      expect(isEsModuleSource('a.mjs', 'var x = 1;')).to.equal(true);
    });

    it('strings, comments, dynamic import() and require() do not', () => {
      expect(isEsModuleSource('a.js', 'var s = "import x from \'y\'"; // export default 1')).to.equal(false);
      expect(isEsModuleSource('a.js', '/* export const x = 1; */ var t = `import a from "b"`;')).to.equal(false);
      expect(isEsModuleSource('a.js', 'const m = import("x"); require("y");')).to.equal(false);
    });
  });

  it('an ES module .js imports by root path (ES module, CommonJS and TypeScript files) and relatively', async () => {
    const response = await get('app/main.js');
    expect(response.status, response.text).to.equal(200);
    expect(response.json()).to.deep.equal({
      greeting: 'hello root',
      shout: 'QUIET',
      legacyKind: 'object',
      typed: '7:seven',
      sameModule: true,
    });
  });

  it('a root-path import cannot leave the root', async () => {
    const response = await get('app/escape.js');
    expect(response.status).to.equal(500);
    expect(response.json()).to.deep.include({ code: 'ERR_MODULE_NOT_FOUND' });
    expect(response.text).to.not.include('SECRET outside root');
  });

  it('a .js file without module syntax stays CommonJS', async () => {
    expect((await get('app/dynamic-only.js')).text).to.equal('commonjs\n');
  });

  it('require() of an ES module file answers 500 ERR_REQUIRE_ESM', async () => {
    const response = await get('interop/requires-esm.js');
    expect(response.status).to.equal(500);
    expect(response.json()).to.deep.include({ code: 'ERR_REQUIRE_ESM' });
  });

  it('a CommonJS file imported by an ES module runs once per request', async () => {
    const client = harness.client();
    expect((await client.get('/services/js/dirigible/interop/esm-state.js')).json()).to.deep.equal({ count: 1 });
    expect((await client.get('/services/js/dirigible/interop/esm-state.js')).json()).to.deep.equal({ count: 1 });
  });
});
