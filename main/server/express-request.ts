/**
 * What an Express app already decided about a request, by its `trust proxy` setting: whether it
 * came over TLS (`req.secure`) and the client's address (`req.ip`). Behind a proxy the app trusts,
 * these come from `X-Forwarded-Proto` and `X-Forwarded-For`; without one, from the socket. The
 * runtime mounted in the app agrees with them (docs/embedding.md, "Behind a proxy").
 */
import type { IncomingMessage } from 'node:http';

/** The getters Express puts on its requests. */
interface ExpressRequest extends IncomingMessage {
  secure?: unknown;
  ip?: unknown;
}

/** True when the request went through an Express app that judged it secure (`req.secure`). */
export function expressSecure(request: IncomingMessage): boolean {
  return (request as ExpressRequest).secure === true;
}

/** The client address Express gives the request (`req.ip`), or `undefined` outside Express. */
export function expressClientAddress(request: IncomingMessage): string | undefined {
  const { ip } = request as ExpressRequest;
  return typeof ip === 'string' && ip !== '' ? ip : undefined;
}
