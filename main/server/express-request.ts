/**
 * What the web framework in front already decided about a request, by its proxy-trust setting:
 * whether it came over TLS and the client's address. Express puts them on the request as
 * `req.secure` (and `req.protocol`) and `req.ip`, by its `trust proxy` setting; Fastify's
 * `@fastify/middie` copies Fastify's `request.protocol` and `request.ip` (by its `trustProxy`
 * option) onto the Node request as `req.protocol` and `req.ip`. Behind a proxy the app trusts,
 * these come from `X-Forwarded-Proto` and `X-Forwarded-For`; without one, from the socket. The
 * runtime mounted in the app agrees with them (docs/embedding.md, "Behind a proxy").
 */
import type { IncomingMessage } from 'node:http';

/** The getters Express puts on its requests, and the properties @fastify/middie copies. */
interface FrameworkRequest extends IncomingMessage {
  secure?: unknown;
  protocol?: unknown;
  ip?: unknown;
}

/**
 * True when the request went through an app that judged it secure: Express's `req.secure`, or a
 * `req.protocol` of `https` (Express's, or Fastify's as @fastify/middie copies it).
 */
export function expressSecure(request: IncomingMessage): boolean {
  const { secure, protocol } = request as FrameworkRequest;
  return secure === true || protocol === 'https';
}

/** The client address the app gives the request (`req.ip`), or `undefined` outside such an app. */
export function expressClientAddress(request: IncomingMessage): string | undefined {
  const { ip } = request as FrameworkRequest;
  return typeof ip === 'string' && ip !== '' ? ip : undefined;
}
