/**
 * The HTTP client options of `createRuntime` (what scripts may call with `http/v4/client`), their
 * defaults, and their check at start-up.
 */
import { InvalidOptionError } from '../../common/errors.js';
import { HostAllowlist } from './allowlist.js';

export interface HttpClientOptions {
  /**
   * Hosts scripts may call: names (`api.example.com`, `*.example.com`), addresses (`203.0.113.7`,
   * `[::1]`), networks (`10.0.0.0/8`), each optionally with `:port`. Loopback, private and link-local
   * addresses need an IP entry even when a listed name resolves to them. Default `[]`: no host.
   */
  allowedHosts?: string[];
  /** Longest a client call may take, ms (it also never outlasts the run's `deadline`). Default 10000. */
  httpClientTimeout?: number;
  /** Largest response body a client call accepts, bytes. Default 10 MiB. */
  httpClientMaxResponseSize?: number;
}

export const HTTP_CLIENT_DEFAULTS: Readonly<{ httpClientTimeout: number; httpClientMaxResponseSize: number }> =
  Object.freeze({
    httpClientTimeout: 10_000,
    httpClientMaxResponseSize: 10 * 1024 * 1024,
  });

/** The client options with defaults filled in; throws `ERR_INVALID_OPTION` naming a bad one. */
export function resolveHttpClientOptions(options: HttpClientOptions): Required<HttpClientOptions> {
  const allowedHosts = options.allowedHosts ?? [];
  new HostAllowlist(allowedHosts);
  const resolved: Required<HttpClientOptions> = { allowedHosts: [...allowedHosts], ...HTTP_CLIENT_DEFAULTS };
  for (const name of ['httpClientTimeout', 'httpClientMaxResponseSize'] as const) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) throw new InvalidOptionError(name, 'must be a whole number >= 1');
    resolved[name] = value;
  }
  return resolved;
}
