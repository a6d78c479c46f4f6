/**
 * Every name Dirigible published the HTTP API and the assertions under, in `require` and
 * `import`, as our own scripts in each generation's style (test/fixtures/scripts/dirigible/legacy):
 * Dirigible 8's CommonJS `require('test/assert').assertEquals`, Dirigible 7's `utils/assert` and
 * `@dirigible/http`, the newest docs' `@aerokit/sdk/http`. Aliases are the same module.
 */
import { expect } from 'chai';
import { apiModuleNames, apiModuleTable, canonicalModuleId } from '../../worker/sandbox/module-names.js';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

describe('module names (worker/sandbox/module-names.ts)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  const get = (path: string) => harness.client().get(`/services/js/dirigible/legacy/${path}`);

  it('the table maps every alias to its canonical module, and no name twice', () => {
    const names = apiModuleNames();
    expect(new Set(names).size).to.equal(names.length);
    for (const [id, row] of apiModuleTable)
      for (const alias of row.aliases) expect(canonicalModuleId(alias)).to.equal(id);
    expect(canonicalModuleId('@dirigible/http')).to.equal('sdk/http');
    expect(canonicalModuleId('utils/assert')).to.equal('test/assert');
    expect(canonicalModuleId('http/v3/upload')).to.equal('http/v4/upload');
    expect(canonicalModuleId('http/v3/client')).to.equal('http/v4/client');
    expect(canonicalModuleId('security/v4/user')).to.equal('security/user');
    expect(canonicalModuleId('@dirigible/security')).to.equal('sdk/security');
    expect(canonicalModuleId('@aerokit/sdk/security')).to.equal('sdk/security');
    expect(canonicalModuleId('log/v4/logging')).to.equal('log/logging');
    expect(canonicalModuleId('log/v3/logging')).to.equal('log/logging');
    expect(canonicalModuleId('sdk/log/logging')).to.equal('log/logging');
    expect(canonicalModuleId('@dirigible/log/logging')).to.equal('log/logging');
    expect(canonicalModuleId('@aerokit/sdk/log/logging')).to.equal('log/logging');
    expect(canonicalModuleId('@dirigible/log')).to.equal('sdk/log');
    expect(canonicalModuleId('@aerokit/sdk/log')).to.equal('sdk/log');
    expect(canonicalModuleId('utils/v4/base64')).to.equal('utils/base64');
    expect(canonicalModuleId('utils/v4/uuid')).to.equal('utils/uuid');
    expect(canonicalModuleId('utils/v4/digest')).to.equal('utils/digest');
    expect(canonicalModuleId('@aerokit/sdk/utils/escape')).to.equal('sdk/utils/escape');
    expect(canonicalModuleId('@aerokit/sdk/utils/hex')).to.equal('sdk/utils/hex');
    expect(canonicalModuleId('@aerokit/sdk/utils')).to.equal('sdk/utils');
    expect(canonicalModuleId('@dirigible/utils')).to.equal('sdk/utils');
    expect(canonicalModuleId('@dirigible/test')).to.equal('sdk/test');
    expect(canonicalModuleId('fs')).to.equal(undefined);
  });

  it("Dirigible 8: require('test/assert').assertEquals in a CommonJS script", async () => {
    expect((await get('dirigible8-assert.js?expected=GET')).text).to.equal('ok\n');
    const failed = await get('dirigible8-assert.js?expected=PUT');
    expect(failed.status).to.equal(500);
    expect(failed.json()).to.deep.include({
      code: 'ERR_ASSERTION_FAILED',
      message: "Assertion 'assertEquals' failed - expected: 'PUT', but found: 'GET'",
    });
  });

  it("Dirigible 7: require('utils/assert')", async () => {
    expect((await get('dirigible7-utils-assert.js?name=dirigible')).text).to.equal('ok\n');
    const failed = await get('dirigible7-utils-assert.js?name=other');
    expect(failed.json()).to.deep.include({ message: 'name must be dirigible' });
  });

  it("the Basic Usage of Dirigible's test/assert docs page: import { assert } from 'sdk/test'", async () => {
    expect((await get('test-assert-docs.mjs?input=test')).text).to.equal('ok\n');
    const failed = await get('test-assert-docs.mjs?input=other');
    expect(failed.status).to.equal(500);
    expect(failed.json()).to.deep.include({ code: 'ERR_ASSERTION_FAILED', message: 'check if match' });
  });

  it("Dirigible 8's ES module API tests: import { assert } from '@dirigible/test', then assert.assertEquals", async () => {
    expect((await get('dirigible8-test-esm.mjs?expected=GET')).text).to.equal('ok\n');
    const failed = await get('dirigible8-test-esm.mjs?expected=PUT');
    expect(failed.status).to.equal(500);
    expect(failed.json()).to.deep.include({
      code: 'ERR_ASSERTION_FAILED',
      message: "Assertion 'assertEquals' failed - expected: 'PUT', but found: 'GET'",
    });
  });

  it('Dirigible 7 ES modules: @dirigible/http', async () => {
    expect((await get('dirigible7-esm.mjs')).text).to.equal('GET 7\n');
  });

  it("the 2023 docs' utils examples: import { base64, hex, url, uuid } from '@dirigible/utils'", async () => {
    const lines = (await get('dirigible8-utils-esm.mjs')).text.split('\n');
    expect(lines.slice(0, 5)).to.deep.equal([
      'YWRtaW46YWRtaW4=',
      '97,100,109,105,110,58,97,100,109,105,110',
      '48657820456e636f646564',
      '%3Ca+b%3E',
      'true',
    ]);
  });

  it('the newest docs: @aerokit/sdk/http and @aerokit/sdk/http/session', async () => {
    expect((await get('aerokit.js')).json()).to.deep.equal({ method: 'GET', docs: 'aerokit' });
  });

  it("Dirigible 10's SDK in CommonJS: require('sdk/http/session') is the Session class", async () => {
    const response = await get('sdk-commonjs.js');
    expect(response.json()).to.deep.equal({
      id: true,
      attribute: 'commonjs',
      method: 'GET',
      classes: ['function:true', 'function:true', 'function:true', 'function:true', 'function:true'],
      multipart: false,
      client: 'function',
      sdk: true,
    });
  });

  it('aliases are the same module instance, and the SDK can be required', async () => {
    expect((await get('aliases.js')).json()).to.deep.equal({
      sdk: true,
      request: true,
      assert: true,
      sdkFromRequire: 'function',
      v3: true,
    });
  });
});
