/**
 * A request snapshot for specs that build a `RequestContext` or a run frame by hand: a plain GET
 * of `/services/js/a.js` at `REQUEST_TIME`, with whatever fields a spec overrides.
 */
import type { RequestSnapshot } from '../../common/snapshot.js';

/** When the request of `requestSnapshot` was received (epoch ms). */
export const REQUEST_TIME = 1_700_000_000_000;

export function requestSnapshot(overrides: Partial<RequestSnapshot> = {}): RequestSnapshot {
  return {
    time: REQUEST_TIME,
    method: 'GET',
    url: '/services/js/a.js',
    protocol: 'HTTP/1.1',
    scheme: 'http',
    secure: false,
    rawHeaders: [],
    body: new Uint8Array(),
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    localAddress: '127.0.0.1',
    localPort: 2,
    serverName: 'localhost',
    serverPort: 2,
    mountPath: '',
    contextPath: '/services/js',
    scriptPath: 'a.js',
    resourcePath: '',
    cookieSent: false,
    ...overrides,
  };
}
