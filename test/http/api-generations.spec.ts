/**
 * Every generation of the script API through a real worker: v4, v3, the `http/…` aliases and the
 * v2 `net/http/…` modules. Each is a set of thin wrappers over the same facades, so a session
 * written through one generation is the session every other one reads.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

const DIRIGIBLE_SESSION = [
  'getAttribute',
  'getAttributeNames',
  'getCreationTime',
  'getId',
  'getLastAccessedTime',
  'getMaxInactiveInterval',
  'invalidate',
  'isNew',
  'isValid',
  'removeAttribute',
  'setAttribute',
  'setMaxInactiveInterval',
];
/** Dirigible's twelve and this runtime's extension. */
const V4_SESSION = ['changeSessionId', ...DIRIGIBLE_SESSION];
const V2_SESSION = DIRIGIBLE_SESSION.filter((name) => name !== 'isNew' && name !== 'isValid');
const V2_REQUEST = [
  'getAttribute',
  'getAttributeNames',
  'getCookies',
  'getHeader',
  'getHeaderNames',
  'getInfo',
  'getMethod',
  'getParameter',
  'getParameterNames',
  'getParameters',
  'isUserInRole',
  'readInput',
  'readInputText',
  'setAttribute',
];
const V2_RESPONSE_FUNCTIONS = [
  'addCookie',
  'addHeader',
  'close',
  'containsHeader',
  'flush',
  'getCharacterEncoding',
  'getContentLength',
  'getContentType',
  'print',
  'println',
  'sendError',
  'sendRedirect',
  'setCharacterEncoding',
  'setContentLength',
  'setContentType',
  'setHeader',
  'setStatus',
  'writeOutput',
];

interface V2SessionInfo {
  id: string;
  creationTime: number;
  lastAccessedTime: number;
  maxInactiveInterval: number;
  names: string[];
  attributes: Record<string, unknown>;
}

describe('API generations through a real worker', () => {
  let now = 1_700_000_000_000;
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ clock: { now: () => now } });
  });
  after(() => harness.close());

  describe('module surfaces', () => {
    let surfaces: Record<string, unknown>;
    before(async () => {
      const ids = [
        'http/v4/session',
        'http/v3/session',
        'http/session',
        'net/http/session',
        'http/v4/request',
        'http/v3/request',
        'http/request',
        'net/http/request',
        'http/v4/response',
        'http/v3/response',
        'http/response',
        'net/http/response',
      ];
      const query = ids.map((id) => `module=${encodeURIComponent(id)}`).join('&');
      surfaces = (await harness.client().get(`/services/js/generations/surface.js?${query}`)).json();
    });

    it('http/v4/session, http/v3/session and the alias http/session have the twelve functions and changeSessionId', () => {
      for (const id of ['http/v4/session', 'http/v3/session', 'http/session'])
        expect(surfaces[id], id).to.deep.equal(V4_SESSION);
    });

    it('net/http/session (v2) has ten: no isValid, no isNew', () => {
      expect(surfaces['net/http/session']).to.deep.equal(V2_SESSION);
      expect(V2_SESSION).to.have.length(10);
    });

    it('every session module calls the same functions', () => {
      expect(surfaces['sameSession']).to.equal(true);
    });

    it('v3 and the aliases of request and response are v4', () => {
      for (const kind of ['request', 'response']) {
        expect(surfaces[`http/v3/${kind}`], kind).to.deep.equal(surfaces[`http/v4/${kind}`]);
        expect(surfaces[`http/${kind}`], kind).to.deep.equal(surfaces[`http/v4/${kind}`]);
      }
    });

    it('net/http/request and net/http/response (v2) have the functions the v2 docs list, and the status constants', () => {
      expect(surfaces['net/http/request']).to.deep.equal(V2_REQUEST);
      const response = surfaces['net/http/response'] as string[];
      expect(response.filter((name) => /[a-z]/.test(name))).to.deep.equal(V2_RESPONSE_FUNCTIONS);
      expect(response).to.include.members(['OK', 'CREATED', 'NOT_FOUND', 'INTERNAL_SERVER_ERROR', 'MOVED_TEMPORARILY']);
    });
  });

  describe('http/v3/response', () => {
    it('lists headers, keeps URLs as they are (URL rewriting is off by default) and sets the locale', async () => {
      const response = await harness.client().get('/services/js/generations/v3-response.js');
      expect(response.headers.get('content-language')).to.equal('de-AT');
      expect(response.json()).to.deep.equal({
        headers: ['one', 'two'],
        none: [],
        names: ['X-Multi', 'X-Single', 'Content-Language'],
        encoded: '/a?b=c',
        redirect: '/elsewhere',
        localeBefore: 'en',
        // As Dirigible's facade hands over the Locale: Java's text of it (the header has the tag).
        locale: 'de_AT',
      });
    });
  });

  describe('net/http/session (v2)', () => {
    it('keeps the session across requests, and v4 and the alias read the same session', async () => {
      const client = harness.client();
      const start = now;
      const first = (
        await client.get('/services/js/generations/v2-session.js?set=user&value=ann')
      ).json<V2SessionInfo>();
      expect(first).to.deep.include({
        creationTime: start,
        lastAccessedTime: start,
        maxInactiveInterval: 1800,
        names: ['user'],
      });
      expect(client.cookies.get('JSESSIONID')).to.equal(first.id);
      now += 1000;
      const v4 = (await client.get('/services/js/generations/v4-session.js')).json();
      expect(v4).to.deep.equal({ isNew: false, id: first.id, attributes: [['user', 'ann']] });
      now += 1000;
      const again = (await client.get('/services/js/generations/v2-session.js')).json<V2SessionInfo>();
      expect(again).to.deep.include({
        id: first.id,
        creationTime: start,
        lastAccessedTime: start + 1000,
        attributes: { user: 'ann' },
      });
    });

    it('setMaxInactiveInterval, removeAttribute and invalidate behave as in v4', async () => {
      const client = harness.client();
      await client.get('/services/js/generations/v2-session.js?set=a&value=1&seconds=60.9');
      const removed = (await client.get('/services/js/generations/v2-session.js?remove=a')).json<V2SessionInfo>();
      expect(removed).to.deep.include({ maxInactiveInterval: 60, names: ['a'] });
      const after = (await client.get('/services/js/generations/v2-session.js?invalidate=1')).json<V2SessionInfo>();
      expect(after.names).to.deep.equal([]);
      expect(client.cookies.has('JSESSIONID')).to.equal(false);
      expect(await harness.runtime.sessions.store.get(after.id)).to.equal(undefined);
    });
  });

  describe('net/http/request and net/http/response (v2)', () => {
    it('read the request, getInfo() gathers the URL facts, readInput() and readInputText() read the body', async () => {
      const client = harness.client();
      const response = await client.request('/services/js/generations/v2-request.js?a=1&a=2', {
        method: 'PUT',
        headers: { 'x-test': 'yes', cookie: 'k=v' },
        body: 'hé',
      });
      const port = Number(new URL(harness.url).port);
      expect(response.status).to.equal(201);
      expect(response.headers.get('x-generation')).to.equal('2');
      expect(response.text.endsWith('}\n')).to.equal(true);
      expect(JSON.parse(response.text)).to.deep.equal({
        method: 'PUT',
        parameter: '1',
        parameterNames: ['a'],
        parameters: { a: ['1', '2'] },
        header: 'yes',
        headerNamesIncludeTest: true,
        cookies: [{ name: 'k', value: 'v' }],
        isUserInRole: false,
        info: {
          contextPath: '',
          pathInfo: '/services/js/generations/v2-request.js',
          protocol: 'HTTP/1.1',
          queryString: 'a=1&a=2',
          scheme: 'http',
          serverName: '127.0.0.1',
          serverPort: port,
        },
        input: [104, 195, 169],
        inputText: 'hé',
        attribute: 'yes',
        attributeNames: ['seen'],
        constants: [200, 201, 404, 500],
      });
    });
  });
});
