/**
 * Dirigible 10 defines `require` as a global of every script (its GraalJS engine's require
 * polyfill), so an ES module may call `require()` as well as `import`: the DAOs Dirigible's
 * templates generate from a model put a calculated property's expression, such as
 * `require("security/user").getName()`, into an ES module. The global resolves from the script
 * root, as Dirigible's does; what it refuses, it refuses as `require()` does.
 */
import { expect } from 'chai';
import type { RuntimeOptions } from '../../main/server/options.js';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

for (const isolation of ['script', 'request'] as const satisfies readonly RuntimeOptions['isolation'][]) {
  describe(`the global require() of ES module scripts (isolation ${isolation})`, () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime({ isolation });
    });
    after(() => harness.close());

    const get = (path: string) => harness.client().get(`/services/js/dirigible/global-require/${path}`);

    it('an ES module and the helpers it imports require the API and files from the root (also as dirigibleRequire)', async () => {
      const response = await get('stamp.ts?title=first');
      expect(response.status, response.text).to.equal(200);
      expect(response.json()).to.deep.equal({
        entity: { title: 'first', changedBy: 'guest' },
        calls: 1,
        sameFile: true,
        kind: 'function',
        dirigibleRequire: true,
      });
    });

    it('a required file lives for one request, as with require() in a CommonJS script', async () => {
      const client = harness.client();
      for (const title of ['a', 'b']) {
        const response = await client.get(`/services/js/dirigible/global-require/stamp.ts?title=${title}`);
        expect(response.json()).to.deep.include({ calls: 1 });
      }
    });

    it('a module that is not there answers 500 ERR_MODULE_NOT_FOUND naming the root', async () => {
      const response = await get('missing.mjs');
      expect(response.status).to.equal(500);
      expect(response.json()).to.deep.include({
        code: 'ERR_MODULE_NOT_FOUND',
        message: 'require: cannot find module "dirigible/global-require/lib/absent" from the script root',
      });
    });

    it('an ES module file answers 500 ERR_REQUIRE_ESM', async () => {
      const response = await get('requires-esm.mjs');
      expect(response.status).to.equal(500);
      expect(response.json()).to.deep.include({ code: 'ERR_REQUIRE_ESM' });
    });
  });
}
