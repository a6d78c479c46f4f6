/**
 * A script that does not read its request costs no copy of it: a run whose script's last run did
 * not read the request (and every script's first run) goes to its worker without it, and the
 * worker asks the main process for it when the script first reads it (a `request` host call,
 * request-calls.ts). Over HTTP, the script sees the same request either way; below, the main
 * process answers only for a deferred run the asking worker holds.
 */
import { expect } from 'chai';
import type { HostCall } from '../../../common/host-call.js';
import type { RunMessage } from '../../../common/protocol.js';
import { deferredRequest } from '../../../common/request-frame.js';
import type { HostCallHandler } from '../../../main/supervisor/host-calls.js';
import { answerRequestCalls } from '../../../main/supervisor/request-calls.js';
import { requestSnapshot } from '../../support/request-snapshot.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

/** A run of `id`, its request a POST with a body, deferred or not. */
function run(id: number, requestDeferred: boolean): RunMessage {
  return {
    type: 'run',
    id,
    script: 'echo.js',
    mtimeMs: 1,
    request: requestSnapshot({
      method: 'POST',
      url: '/services/js/echo.js?q=ü',
      body: new Uint8Array(Buffer.from('body')),
    }),
    requestDeferred,
    session: undefined,
    settings: { maxInactiveInterval: 1800, canCreate: true, maxActiveSessions: 0, urlParameter: null },
  };
}

const others: HostCallHandler = async () => {
  throw new Error('not a request call');
};

describe('deferred request', () => {
  describe('over HTTP', () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime({ workers: 1 });
    });
    after(() => harness.close());

    it('a script that reads its request only on some runs sees it whole on each of them, sent or asked for', async () => {
      const client = harness.client();
      const answers: string[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await client.request('/services/js/request-sometimes.js?q=ü', {
          method: 'POST',
          headers: { 'content-type': 'text/plain; charset=utf-8', 'x-tag': `t${i}` },
          body: 'Grüße',
        });
        expect(response.status).to.equal(200);
        answers.push(response.text);
      }
      expect(answers).to.deep.equal(['1', '2 POST ü Grüße t1', '3', '4 POST ü Grüße t3', '5', '6 POST ü Grüße t5']);
    });
  });

  describe('the request host call (request-calls.ts)', () => {
    const handler = answerRequestCalls(others);
    const call = (runId: number): HostCall => ({ type: 'request', id: 7, run: runId });

    it('answers with the request of a deferred run of the asking worker, framed as a run frame carries it', async () => {
      const deferred = run(3, true);
      const answer = await handler(call(3), new Uint8Array(0), [run(2, false), deferred]);
      expect(answer.reply).to.deep.include({ id: 7, ok: true });
      const jsonBytes = (answer.reply as { requestBytes: number }).requestBytes;
      const back = deferredRequest(1, answer.body ?? new Uint8Array(0), jsonBytes, () => {
        throw new Error('asked again');
      }).read();
      expect(back.url).to.equal('/services/js/echo.js?q=ü');
      expect(back.method).to.equal('POST');
      expect(Buffer.from(back.body).toString()).to.equal('body');
    });

    it('refuses a run the worker does not hold, and one whose request went with it', async () => {
      for (const runs of [[run(2, true)], [run(3, false)]]) {
        let refused: unknown;
        await handler(call(3), new Uint8Array(0), runs).catch((error: unknown) => {
          refused = error;
        });
        expect(refused).to.include({ code: 'ERR_INVALID_ARG' });
      }
    });

    it('passes every other call on', async () => {
      let passed: unknown;
      const session: HostCall = { type: 'session', id: 1, token: 1, timeoutMs: 10 };
      await handler(session, new Uint8Array(0), []).catch((error: unknown) => {
        passed = error;
      });
      expect(passed).to.be.instanceOf(Error).with.property('message', 'not a request call');
    });
  });
});
