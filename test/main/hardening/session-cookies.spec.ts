/**
 * Issue 14, failure 8 (cookie tossing): every JSESSIONID the client sends is tried until one names
 * a valid session, so a junk cookie planted first (from a sibling subdomain) does not log the user
 * out; ids that name no session are never adopted.
 */
import { expect } from 'chai';
import { readSessionCookies } from '../../../main/session/cookie.js';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

describe('hardening: several session cookies', () => {
  it('readSessionCookies returns every value of the name, in order, at most 10', () => {
    expect(readSessionCookies('JSESSIONID=a; x=1; JSESSIONID="b"; JSESSIONID=c%2Fd', 'JSESSIONID')).to.deep.equal([
      'a',
      'b',
      'c/d',
    ]);
    expect(readSessionCookies(undefined, 'JSESSIONID')).to.deep.equal([]);
    expect(readSessionCookies(Array(20).fill('JSESSIONID=z').join('; '), 'JSESSIONID')).to.have.length(10);
  });

  describe('over HTTP', () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime();
    });
    after(() => harness.close());

    it('a junk cookie first and the real one second: the real session is found, nothing new is made', async () => {
      const client = harness.client();
      await client.get('/services/js/hardening/counter.js');
      const real = client.cookies.get('JSESSIONID') as string;
      const junk = 'A'.repeat(32);
      const response = await harness.client().request('/services/js/hardening/counter.js', {
        headers: { cookie: `JSESSIONID=${junk}; JSESSIONID=${real}` },
      });
      expect(response.text).to.equal('2');
      expect(response.setCookies).to.deep.equal([]);
    });

    it('only junk cookies: a new session with a new id, none of them adopted', async () => {
      const junk = ['B'.repeat(32), 'not-an-id'];
      const response = await harness.client().request('/services/js/hardening/counter.js', {
        headers: { cookie: junk.map((id) => `JSESSIONID=${id}`).join('; ') },
      });
      expect(response.text).to.equal('1');
      expect(response.setCookies).to.have.length(1);
      for (const id of junk) expect(response.setCookies[0]).to.not.include(id);
    });
  });
});
