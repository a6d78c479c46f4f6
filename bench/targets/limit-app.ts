/**
 * The limit: the Basic Usage behaviour on bare `node:http` with sessions in a `Map`, no sandbox,
 * no store, no checks beyond what the behaviour needs. Same cookie as the runtime (`JSESSIONID`,
 * 192-bit random URL-safe id, `Path=/; HttpOnly; SameSite=Lax`), same idle expiry (1800 s,
 * checked on lookup), same answer. No server that runs the script in a sandbox can be faster, so
 * every row is also readable as a fraction of this one.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookie } from 'cookie';
import { basicUsagePath } from '../basic-usage.js';

interface LimitSession {
  creationTime: number;
  lastAccessedTime: number;
  maxInactiveInterval: number;
  attributes: Map<string, unknown>;
}

const MAX_INACTIVE_SECONDS = 1800;

/** A request handler with its own session `Map`. */
export function createLimitHandler(): (request: IncomingMessage, response: ServerResponse) => void {
  const sessions = new Map<string, LimitSession>();
  const find = (id: string | undefined, now: number): LimitSession | undefined => {
    const session = id === undefined ? undefined : sessions.get(id);
    if (session === undefined || id === undefined) return undefined;
    if (now - session.lastAccessedTime >= session.maxInactiveInterval * 1000) {
      sessions.delete(id);
      return undefined;
    }
    return session;
  };
  return (request, response) => {
    if (request.url !== basicUsagePath) {
      response.statusCode = 404;
      response.end();
      return;
    }
    const now = Date.now();
    const requested = request.headers.cookie === undefined ? undefined : parseCookie(request.headers.cookie).JSESSIONID;
    let session = find(requested, now);
    if (session === undefined) {
      const id = randomBytes(24).toString('base64url');
      session = {
        creationTime: now,
        lastAccessedTime: now,
        maxInactiveInterval: MAX_INACTIVE_SECONDS,
        attributes: new Map(),
      };
      sessions.set(id, session);
      response.setHeader('Set-Cookie', `JSESSIONID=${id}; Path=/; HttpOnly; SameSite=Lax`);
    }
    session.lastAccessedTime = now;
    session.attributes.set('attr1', 'value1');
    const body = `[Attribute]: ${String(session.attributes.get('attr1'))}\n`;
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.setHeader('Content-Length', Buffer.byteLength(body));
    response.end(body);
  };
}
