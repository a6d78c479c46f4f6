/**
 * Cross-site request protection, on by default: an unsafe-method request (anything but GET, HEAD,
 * OPTIONS, TRACE) that the browser marks as coming from another site is refused with 403 before
 * any script or session work. The browser's `Sec-Fetch-Site` header decides when present
 * (`same-origin` and `none` pass); otherwise `Origin` is compared with `Host` (or the
 * `X-Forwarded-Host` of a proxy `trustProxy` trusts). Requests carrying
 * neither header (curl, servers) are not from a browser page and pass. Origins listed as trusted pass.
 */
import type { IncomingMessage } from 'node:http';
import { CrossSiteRequestError, InvalidOptionError } from '../../common/errors.js';
import { forwardedOf } from './forwarded.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** The cross-site check of a runtime, made once from its options. */
export interface CrossSiteGuard {
  /** Throws `ERR_CROSS_SITE` (403) when `request` must be refused. */
  check(request: IncomingMessage): void;
}

/**
 * A guard; `enabled: false` lets everything through.
 * @param trustedOrigins origins (`scheme://host[:port]`) whose pages may send unsafe requests here
 */
export function crossSiteGuard(enabled: boolean, trustedOrigins: readonly string[]): CrossSiteGuard {
  const trusted = new Set(trustedOrigins.map((origin, index) => normalizeOrigin(origin, `trustedOrigins[${index}]`)));
  return {
    check(request) {
      if (!enabled || SAFE_METHODS.has(request.method ?? 'GET')) return;
      const origin = single(request.headers.origin);
      if (origin !== undefined && trusted.has(origin.toLowerCase())) return;
      const site = single(request.headers['sec-fetch-site']);
      if (site !== undefined) {
        if (site === 'same-origin' || site === 'none') return;
        throw new CrossSiteRequestError(`Sec-Fetch-Site is ${site}`);
      }
      if (origin === undefined) return;
      // The host the client asked for: a trusted proxy's X-Forwarded-Host, else Host (forwarded.ts).
      if (!sameHost(origin, forwardedOf(request)?.host ?? single(request.headers.host)))
        throw new CrossSiteRequestError(`Origin ${origin} does not match the host`);
    },
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * True when the `host[:port]` of an Origin value is the `Host` header's, both read as URLs of the
 * origin's scheme: case and the scheme's default port do not count (`Host: app.test:443` is the
 * host of `https://app.test`, as a proxy that adds the port sends it). A `null` origin, garbage or
 * no Host give false.
 */
function sameHost(origin: string, host: string | undefined): boolean {
  if (host === undefined || host === '') return false;
  try {
    const from = new URL(origin);
    const to = new URL(`${from.protocol}//${host}`);
    return (
      from.host !== '' &&
      from.host === to.host &&
      to.pathname === '/' &&
      to.username === '' &&
      to.search === '' &&
      to.hash === ''
    );
  } catch {
    return false;
  }
}

/** `scheme://host[:port]` of a trusted origin, checked; throws `ERR_INVALID_OPTION` naming it. */
function normalizeOrigin(origin: string, option: string): string {
  let url: URL | undefined;
  try {
    url = new URL(String(origin));
  } catch {
    url = undefined;
  }
  if (
    url === undefined ||
    !/^https?:$/.test(url.protocol) ||
    url.origin !== String(origin).replace(/\/$/, '').toLowerCase()
  )
    throw new InvalidOptionError(option, `must be an origin such as https://example.com (got ${String(origin)})`);
  return url.origin;
}
