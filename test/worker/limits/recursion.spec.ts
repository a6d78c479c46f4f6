/**
 * Deep recursion: a runaway recursion is the script's own RangeError (500), data nested deeper
 * than the sandbox's stack allows is refused as one the script can catch, and the server is fine.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

describe('limits: deep recursion', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ workers: 1 });
  });
  after(() => harness.close());

  it('endless recursion: 500 RangeError "Maximum call stack size exceeded"; the next request works', async () => {
    const response = await harness.client().get('/services/js/limits/recursion.js?kind=calls');
    expect(response.status).to.equal(500);
    expect(response.json()).to.include({ error: 'RangeError', message: 'Maximum call stack size exceeded' });
    expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
  });

  it('data nested 1000 levels deep is stored and read back', async () => {
    const response = await harness.client().get('/services/js/limits/recursion.js?kind=data&depth=1000');
    expect(response.text).to.equal('stored 1000');
  });

  it('data nested 100000 levels deep is a RangeError the script catches', async () => {
    const response = await harness.client().get('/services/js/limits/recursion.js?kind=data&depth=100000');
    expect(response.status).to.equal(200);
    expect(response.text).to.equal('RangeError|Maximum call stack size exceeded');
    expect((await harness.client().get('/services/js/hello.js')).text).to.equal('hello');
  });
});
