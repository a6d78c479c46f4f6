/**
 * Isolation modes over HTTP. Whatever the mode, concurrent requests from many sessions each see
 * only their own session and request data. What persists between requests: in `script` isolation
 * a script's globals (per worker), never its module-level variables; in `request` isolation nothing.
 */
import { expect } from 'chai';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

interface Echo {
  token: string | null;
  query: string | null;
  header: string | null;
  id: string;
}

describe('isolation modes', () => {
  for (const isolation of ['script', 'request'] as const) {
    describe(`isolation ${isolation}`, () => {
      let harness: Harness;
      before(async () => {
        harness = await startRuntime({ isolation, workers: 2, contextsPerIsolate: 25 });
      });
      after(() => harness.close());

      it('many concurrent requests from different sessions each get their own session and request data', async () => {
        const clients = Array.from({ length: 40 }, (_, i) => ({
          client: harness.client(),
          token: `client-${i}-${Math.random().toString(36).slice(2)}`,
        }));
        const first = await Promise.all(
          clients.map(({ client, token }) => client.get(`/services/js/isolation/echo.js?token=${token}&q=${token}`)),
        );
        const ids = first.map((response) => response.json<Echo>().id);
        expect(new Set(ids).size).to.equal(clients.length);
        for (let round = 0; round < 3; round++) {
          const answers = await Promise.all(
            clients.map(({ client, token }, i) =>
              client.request(`/services/js/isolation/echo.js?q=${token}-${round}&spin=${i % 3}`, {
                headers: { 'x-client': `${token}-h${round}` },
              }),
            ),
          );
          answers.forEach((response, i) => {
            const { token } = clients[i] as { token: string };
            expect(response.json<Echo>()).to.deep.equal({
              token,
              query: `${token}-${round}`,
              header: `${token}-h${round}`,
              id: ids[i],
            });
          });
        }
      });

      it(
        isolation === 'script'
          ? "a script keeps its globals between requests, not its module-level variables, and sees no other script's globals"
          : 'nothing persists between requests',
        async () => {
          await harness.client().get('/services/js/isolation/other.js');
          const counts = [];
          // One at a time: with two workers, each keeps its own warm context per script.
          for (let i = 0; i < 6; i++)
            counts.push(
              (await harness.client().get('/services/js/isolation/counter.js')).json<{
                global: number;
                moduleLevel: number;
                other: string;
              }>(),
            );
          for (const count of counts) expect(count).to.include({ moduleLevel: 1, other: 'undefined' });
          const globals = counts.map((count) => count.global);
          if (isolation === 'request') expect(globals).to.deep.equal([1, 1, 1, 1, 1, 1]);
          else expect(Math.max(...globals)).to.be.above(1);
        },
      );

      it('context churn never fills the heap: many requests on a small heap all succeed', async function () {
        this.timeout(60_000);
        const churn = await startRuntime({ isolation, workers: 1, memoryLimit: 16, contextsPerIsolate: 300 });
        try {
          for (let i = 0; i < 400; i++) {
            const response = await churn.client().get('/services/js/isolation/echo.js?q=churn');
            expect(response.status, response.text).to.equal(200);
          }
          expect(churn.runtime.stats().restarts).to.equal(0);
        } finally {
          await churn.close();
        }
      });
    });
  }
});
