/**
 * Escape resistance: promise `Symbol.species` and thenable tricks against the host's wait for a
 * script's returned promise. Each ends in the script's own answer, a script error, the time limit
 * (a microtask loop) or the deadline (a promise that never settles); the server keeps serving.
 */
import { expect } from 'chai';
import { forEachIsolation } from '../../support/hostile.js';

const TRICKS: Array<[string, number, string]> = [
  ['species', 500, 'species getter ran'],
  ['constructor getter', 500, 'constructor getter ran'],
  ['then replaced', 200, 'ok'],
  ['thenable settles twice', 200, 'ok'],
  ['thenable throws', 500, 'thenable threw'],
  ['then getter throws', 500, 'then getter threw'],
  ['function thenable', 200, 'ok'],
  ['async output', 200, 'ok'],
  // isolated-vm reports an unhandled rejection as the run's error, as Node ends a process for one.
  ['floating rejection', 500, 'nobody listens'],
  ['thenable resolves with itself', 500, 'ERR_SCRIPT_TIMEOUT'],
  ['never', 500, 'ERR_SCRIPT_DEADLINE'],
];

describe('escape: promise species and thenables', () => {
  forEachIsolation(
    'promise-tricks.js',
    (harness) => {
      for (const [kind, status, expected] of TRICKS) {
        it(`${kind}: ${status} ${expected}`, async () => {
          const response = await harness().attack(`promise-tricks.js?kind=${encodeURIComponent(kind)}`);
          expect(response.status, response.text).to.equal(status);
          if (status === 200) expect(response.text).to.equal(expected);
          else if (expected.startsWith('ERR_')) expect(response.json()).to.include({ code: expected });
          else expect(response.json()).to.include({ message: expected });
          await harness().expectContained(response);
        });
      }
    },
    // The deadline well past the time limit: the limit counts the worker's CPU, which a busy
    // machine hands out slowly, and the microtask loop must meet it before the deadline.
    { timeout: 300, deadline: 2000 },
  );
});
