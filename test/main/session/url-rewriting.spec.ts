/**
 * Session tracking without cookies: the `;jsessionid=` path parameter (opt-in URL rewriting) and
 * `response.encodeURL`; with cookies refused and rewriting off, every request is a new session.
 */
import { expect } from 'chai';
import { encodeSessionUrl, readUrlSessionId, sessionUrlParameter } from '../../../common/url-rewriting.js';
import type { CookieJarClient } from '../../support/cookie-jar-client.js';
import type { Harness } from '../../support/runtime-harness.js';
import { startRuntime } from '../../support/runtime-harness.js';

const ID = 'abcdefghijklmnopqrstuvwxyzABCDEF';
const ORIGIN = {
  scheme: 'http',
  serverName: 'localhost',
  serverPort: 8080,
  requestUri: '/services/js/app/list.js',
  contextPath: '/services/js',
};

interface Links {
  id: string | null;
  isNew: boolean;
  user: string | null;
  links: string[];
  redirect: string;
}

interface Info {
  isNew: boolean;
  id?: string;
  attributes: Record<string, unknown>;
}

/** A client that refuses cookies: it forgets every cookie it is given. */
async function refusingCookies(client: CookieJarClient, path: string) {
  const response = await client.get(path);
  client.cookies.clear();
  return response;
}

describe('URL rewriting', () => {
  describe('the path parameter', () => {
    it('is named jsessionid for the default cookie, else after the cookie', () => {
      expect(sessionUrlParameter('JSESSIONID')).to.equal('jsessionid');
      expect(sessionUrlParameter('SID')).to.equal('SID');
    });

    it('is read and stripped wherever it is in the path', () => {
      expect(readUrlSessionId(`/services/js/a.js;jsessionid=${ID}`, 'jsessionid')).to.deep.equal({
        path: '/services/js/a.js',
        id: ID,
      });
      expect(readUrlSessionId(`/services/js/a.js;jsessionid=${ID}/items`, 'jsessionid')).to.deep.equal({
        path: '/services/js/a.js/items',
        id: ID,
      });
      expect(readUrlSessionId(`/services/js/a.js;jsessionid=${ID};jsessionid=other`, 'jsessionid')).to.deep.equal({
        path: '/services/js/a.js',
        id: ID,
      });
      expect(readUrlSessionId('/services/js/a.js', 'jsessionid')).to.deep.equal({
        path: '/services/js/a.js',
        id: undefined,
      });
    });

    it('encodeURL adds it to links into the application, before the query and fragment', () => {
      const encode = (url: string) => encodeSessionUrl(url, ID, 'jsessionid', ORIGIN);
      expect(encode('next.js?page=2')).to.equal(`next.js;jsessionid=${ID}?page=2`);
      expect(encode('/services/js/a.js#top')).to.equal(`/services/js/a.js;jsessionid=${ID}#top`);
      expect(encode('http://localhost:8080/services/js/a.js')).to.equal(
        `http://localhost:8080/services/js/a.js;jsessionid=${ID}`,
      );
      expect(encode('//localhost:8080/services/js/a.js')).to.equal(
        `//localhost:8080/services/js/a.js;jsessionid=${ID}`,
      );
    });

    it('encodeURL leaves other origins, paths outside the application, fragments and encoded links alone', () => {
      const encode = (url: string) => encodeSessionUrl(url, ID, 'jsessionid', ORIGIN);
      for (const url of [
        'https://localhost:8080/services/js/a.js',
        'http://localhost:9090/services/js/a.js',
        'http://evil.example/services/js/a.js',
        '/static/a.css',
        '../../other/a.js',
        '#part',
        `/services/js/a.js;jsessionid=${ID}`,
        'http://[::1',
        'mailto:x@example.com',
      ]) {
        expect(encode(url), url).to.equal(url);
      }
    });
  });

  describe('urlRewriting: true', () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime({ urlRewriting: true });
    });
    after(() => harness.close());

    it('encodes links for a client that has not sent the cookie, and that client joins through the link', async () => {
      const client = harness.client();
      const first = await refusingCookies(client, '/services/js/encode-url.js?user=ann');
      expect(first.setCookies).to.have.length(1);
      const { id, links, redirect } = first.json<Links>();
      const token = `;jsessionid=${id}`;
      expect(links).to.deep.equal([
        `session-info.js${token}?x=1`,
        `/services/js/session-info.js${token}#top`,
        'http://other.example/services/js/session-info.js',
        '/static/site.css',
        '#section',
      ]);
      expect(redirect).to.equal(`session-info.js${token}`);
      const joined = (await refusingCookies(client, `/services/js/session-info.js${token}?identify=1`)).json<Info>();
      expect(joined).to.deep.include({ isNew: false, id, attributes: { user: 'ann' } });
      const resource = await refusingCookies(client, `/services/js/session-info.js${token}/extra`);
      expect(resource.json<Info>().attributes).to.deep.equal({ user: 'ann' });
    });

    it('leaves links alone once the client returns the cookie, and when there is no session', async () => {
      const client = harness.client();
      await client.get('/services/js/encode-url.js?user=bob');
      const second = (await client.get('/services/js/encode-url.js')).json<Links>();
      expect(second.user).to.equal('bob');
      expect(second.links[0]).to.equal('session-info.js?x=1');
      const anonymous = (await harness.client().get('/services/js/encode-url.js')).json<Links>();
      expect(anonymous.links[0]).to.equal('session-info.js?x=1');
    });

    it('the cookie wins over the path parameter', async () => {
      const ann = harness.client();
      const annId = (await ann.get('/services/js/session-info.js?set=user&value=ann&identify=1')).json<Info>().id;
      const bob = harness.client();
      await bob.get('/services/js/session-info.js?set=user&value=bob');
      const seen = (await bob.get(`/services/js/session-info.js;jsessionid=${annId}`)).json<Info>();
      expect(seen.attributes).to.deep.equal({ user: 'bob' });
    });
  });

  describe('urlRewriting off (the default)', () => {
    let harness: Harness;
    before(async () => {
      harness = await startRuntime();
    });
    after(() => harness.close());

    it('the path parameter is stripped for routing but never joins a session; encodeURL changes nothing', async () => {
      const owner = harness.client();
      const id = (await owner.get('/services/js/session-info.js?set=user&value=ann&identify=1')).json<Info>().id;
      const stranger = harness.client();
      const response = await refusingCookies(stranger, `/services/js/session-info.js;jsessionid=${id}`);
      expect(response.status).to.equal(200);
      expect(response.json<Info>()).to.deep.include({ isNew: true, attributes: {} });
      const links = (await refusingCookies(stranger, '/services/js/encode-url.js?user=eve')).json<Links>();
      expect(links.links[0]).to.equal('session-info.js?x=1');
    });

    it('with cookies refused, every request gets a new session and isNew() stays true', async () => {
      const client = harness.client();
      const ids = new Set<string>();
      for (let request = 0; request < 3; request++) {
        const info = (
          await refusingCookies(client, '/services/js/session-info.js?set=visit&value=1&identify=1')
        ).json<Info>();
        expect(info.isNew, `request ${request}`).to.equal(true);
        ids.add(info.id ?? '');
      }
      expect(ids.size).to.equal(3);
    });
  });
});
