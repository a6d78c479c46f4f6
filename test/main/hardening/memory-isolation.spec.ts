/**
 * Issue 14, failure 4: in `script` isolation the scripts a worker serves share one isolate's heap,
 * so a script that keeps data in its warm context's globals (below the 60 % recycle threshold) makes
 * another script's run, which succeeds alone, fail with ERR_MEMORY_LIMIT; the failure disposes of
 * the isolate, and the next run succeeds (docs/security.md, Memory isolation between scripts). In
 * `request` isolation nothing a script creates outlives its request, so the same two scripts both
 * succeed. One worker with a 64 MB heap: `retain.js` keeps 36 MB, `allocate.js` holds 50 MB for its
 * run (alone it needs no more than that; the two together pass the limit).
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

const RETAIN = '/services/js/isolation/retain.js';
const ALLOCATE = '/services/js/isolation/allocate.js';

describe('hardening: memory isolation between scripts', function () {
  this.timeout(60_000);
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it("script isolation: one script's retained heap fails another's run with ERR_MEMORY_LIMIT, once (documented)", async () => {
    harness = await startRuntime({ workers: 1, memoryLimit: 64, isolation: 'script' });
    const client = harness.client();
    expect((await client.get(ALLOCATE)).text).to.equal('held 50 MB');
    expect((await client.get(RETAIN)).text).to.equal('kept 36 MB');
    const starved = await client.get(ALLOCATE);
    expect(starved.status).to.equal(500);
    expect(starved.json()).to.include({ code: 'ERR_MEMORY_LIMIT' });
    // The failure disposed of the isolate and the retained heap with it: the next run succeeds.
    expect((await client.get(ALLOCATE)).text).to.equal('held 50 MB');
  });

  it("request isolation: the same retained heap does not fail the other script's run", async () => {
    harness = await startRuntime({ workers: 1, memoryLimit: 64, isolation: 'request' });
    const client = harness.client();
    for (let round = 0; round < 3; round++) {
      expect((await client.get(RETAIN)).text).to.equal('kept 36 MB');
      const other = await client.get(ALLOCATE);
      expect(other.status, other.text).to.equal(200);
      expect(other.text).to.equal('held 50 MB');
    }
  });
});
