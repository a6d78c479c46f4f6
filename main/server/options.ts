/**
 * Options of `createRuntime`, their defaults, and the one check that runs at start-up: a bad
 * option throws `ERR_INVALID_OPTION` naming it.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { type SessionCookieOptions, resolveCookieOptions } from '../session/cookie.js';
import { InvalidOptionError } from '../../common/errors.js';
import { sentinelClientOptions, sentinelUrls } from '../session/redis/redis-sentinel-options.js';
import { checkRedisUrl } from '../session/redis/redis-url.js';
import type { SessionListener } from '../session/listeners.js';
import type { SessionManagerOptions } from '../session/manager-options.js';
import type { IsolationMode } from '../../common/protocol.js';
import { DEFAULT_LIMITS, type RequestLimits } from '../../common/limits.js';
import { type HardeningOptions, resolveHardening } from './hardening-options.js';
import type { OpsOptions, ResolvedOpsOptions } from '../ops/ops-options.js';
import { checkKnownOptions } from './known-options.js';
import { DEFAULT_PIPELINE_DEPTH } from '../supervisor/pool.js';
import {
  type EMBEDDING_OPTIONS,
  type EmbeddingOptions,
  type ResolvedEmbedding,
  resolveEmbeddingOptions,
} from './embedding-options.js';
import { type HttpClientOptions, resolveHttpClientOptions } from '../http-client/client-options.js';
import { type ProxyTrust, resolveProxyTrust, type TrustProxyOption } from './proxy-trust.js';
import { resolveUploadOptions, type UploadOptions } from '../upload/upload-options.js';
import { resolveTlsOptions, type TLS_OPTIONS, type TlsOptions, type TlsSettings } from './tls-options.js';

/**
 * Options handed to the session manager as they are: it fills in their defaults and checks them
 * (their docs are in `SessionManagerOptions`). It is built in `createRuntime`, so they fail at start-up too.
 */
const SESSION_MANAGER_OPTIONS = [
  'store',
  'clock',
  'maxInactiveInterval',
  'absoluteTimeout',
  'maxActiveSessions',
  'sweepInterval',
  'passivation',
  'principalAttribute',
] as const;
type SessionManagerOptionName = (typeof SESSION_MANAGER_OPTIONS)[number];

/** The options that are per-request limits (`RequestLimits`, the console's aside). */
const REQUEST_LIMIT_OPTIONS = [
  'maxResponseSize',
  'maxAttributeSize',
  'maxAttributes',
  'maxSessionSize',
  'maxHeaders',
  'maxHeaderBytes',
  'maxSessionOps',
  'maxErrorSize',
] as const;

export interface RuntimeOptions
  extends Pick<SessionManagerOptions, SessionManagerOptionName>,
    HardeningOptions,
    OpsOptions,
    EmbeddingOptions,
    UploadOptions,
    HttpClientOptions,
    TlsOptions {
  /** Directory of the scripts served under `/services/js/`. Required. */
  root: string;
  /** Keep sessions in Redis at this `redis://` URL (several machines); the runtime owns and closes the connection. Not with `store`. */
  redisUrl?: string;
  /**
   * Keep sessions in the Redis master these sentinels name (`host:port,host:port`, or `redis://` /
   * `rediss://` URLs whose user, password and database are the master's), following a failover;
   * with `redisSentinelName`. The runtime owns and closes the connection. Not with `redisUrl` or `store`.
   */
  redisSentinel?: string;
  /** The master set the sentinels of `redisSentinel` watch (their `sentinel monitor <name>`). */
  redisSentinelName?: string;
  /** Session cookie settings. Default `JSESSIONID`, `Path=/`, `HttpOnly`, `SameSite=Lax`, Secure on TLS. */
  cookie?: Partial<SessionCookieOptions>;
  /**
   * The proxies in front whose `X-Forwarded-For` and `-Proto` (and, with `trustForwardedHost`,
   * `-Host` and `-Port`) are believed: `true` every peer, or a list of addresses, CIDR ranges
   * (`10.0.0.0/8`) and `loopback`, `linklocal`, `uniquelocal` (or `private`). Default false: none
   * (docs/embedding.md, "Behind a proxy").
   */
  trustProxy?: TrustProxyOption;
  /**
   * Also believe the `X-Forwarded-Host` and `X-Forwarded-Port` of a proxy `trustProxy` trusts (the
   * host and port scripts build URLs with and the cross-site check compares `Origin` with), as
   * Tomcat's RemoteIpValve does with `hostHeader` and `portHeader`. Only for a proxy that sets or
   * clears them: one that passes a client's on lets any client name the host. Needs `trustProxy`.
   * Default false.
   */
  trustForwardedHost?: boolean;
  /**
   * Accept the session id as a `;jsessionid=` path parameter and let `response.encodeURL` add it for
   * clients that do not send the cookie. Default false: ids in URLs leak (see docs/embedding.md).
   */
  urlRewriting?: boolean;
  /** Application name: separates the sessions of applications sharing a store; `getServletContext().name`. Default `'default'`. */
  applicationName?: string;
  /** Init parameters of the application, `getServletContext().getInitParameter(name)`. Default: none. */
  initParameters?: Record<string, string>;
  /** Session listeners (created, destroyed, attribute, id changed, passivation). Default: none. */
  listeners?: SessionListener[];
  /** Execution time limit of one script run, ms. Default 5000. */
  timeout?: number;
  /** Wall-clock limit of one run, awaiting included, ms (at least `timeout`). Default: twice `timeout`. */
  deadline?: number;
  /** Largest response (body plus headers), bytes. Default 10 MiB. */
  maxResponseSize?: number;
  /** Largest session attribute (name plus JSON value), bytes. Default 256 KiB. */
  maxAttributeSize?: number;
  /** Most attributes in one session. Default 1000. */
  maxAttributes?: number;
  /** Largest session (all names plus JSON values), bytes. Default 1 MiB. */
  maxSessionSize?: number;
  /** Heap limit of the sandbox isolate, MB (minimum 8). Default 128. */
  memoryLimit?: number;
  /** Number of sandbox worker processes. Default: one per core. */
  workers?: number;
  /** `script` (a warm context per script, default) or `request` (a fresh context per request). */
  isolation?: IsolationMode;
  /** In `request` isolation: contexts one isolate serves before it is replaced. Default 300. */
  contextsPerIsolate?: number;
  /**
   * Most runs one worker may hold while all are busy (1 turns pipelining and packing off). Runs are
   * only queued behind scripts whose last runs were each fast (under 10 ms); a busy worker takes
   * runs while another idles only behind up to 1 ms of quick ones (`supervisor/worker-choice.ts`).
   * Default 16.
   */
  pipelineDepth?: number;
  /** Largest request body accepted, bytes; beyond it the answer is 413. Default 1 MiB. */
  maxBodySize?: number;
  /** Include stack traces in error responses and failure logs. Default: `NODE_ENV === 'development'`. */
  development?: boolean;
}

/** Options the session manager (or the servlet context, or the Redis store) checks itself. */
const MANAGER_CHECKED = [
  ...SESSION_MANAGER_OPTIONS,
  'redisUrl',
  'redisSentinel',
  'redisSentinelName',
  'applicationName',
  'initParameters',
  'listeners',
] as const;
type ManagerChecked = (typeof MANAGER_CHECKED)[number];

export type ResolvedOptions = Required<
  Omit<
    RuntimeOptions,
    | ManagerChecked
    | 'cookie'
    | 'trustProxy'
    | keyof OpsOptions
    | (typeof EMBEDDING_OPTIONS)[number]
    | (typeof TLS_OPTIONS)[number]
  >
> &
  Pick<RuntimeOptions, ManagerChecked> & {
    cookie: SessionCookieOptions;
    embedding: ResolvedEmbedding;
    /** The proxies trusted, or `undefined` when none is (no forwarded header is read). */
    trustProxy: ProxyTrust | undefined;
    /** The certificate and key files `listen` serves HTTPS with, and its handshake limit; `undefined`: HTTP. */
    tls: TlsSettings | undefined;
  };

function wholeNumber(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new InvalidOptionError(name, `must be a whole number >= ${min}`);
  return value;
}

/** Fills in defaults and validates; throws naming the first bad option. */
export function resolveOptions(options: RuntimeOptions): ResolvedOptions {
  if (typeof options?.root !== 'string' || options.root === '')
    throw new InvalidOptionError('root', 'is required: the directory of the scripts');
  const root = path.resolve(options.root);
  let isDirectory = false;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) throw new InvalidOptionError('root', `must be an existing directory (got ${options.root})`);
  // A root this process may not read would answer every script with 404 and log nothing.
  try {
    accessSync(root, constants.R_OK | constants.X_OK);
  } catch {
    throw new InvalidOptionError('root', `must be a directory this process may read (got ${options.root})`);
  }
  checkKnownOptions(options);
  const {
    urlRewriting = false,
    trustForwardedHost = false,
    timeout = 5000,
    memoryLimit = 128,
    maxResponseSize = DEFAULT_LIMITS.maxResponseSize,
    maxAttributeSize = DEFAULT_LIMITS.maxAttributeSize,
    maxAttributes = DEFAULT_LIMITS.maxAttributes,
    maxSessionSize = DEFAULT_LIMITS.maxSessionSize,
    workers = availableParallelism(),
    isolation = 'script',
    contextsPerIsolate = 300,
    pipelineDepth = DEFAULT_PIPELINE_DEPTH,
    maxBodySize = 1024 * 1024,
    development = process.env['NODE_ENV'] === 'development',
  } = options;
  if (isolation !== 'script' && isolation !== 'request')
    throw new InvalidOptionError('isolation', 'must be "script" or "request"');
  if (typeof urlRewriting !== 'boolean') throw new InvalidOptionError('urlRewriting', 'must be a boolean');
  const trustProxy = resolveProxyTrust(options.trustProxy);
  checkTrustForwardedHost(trustForwardedHost, trustProxy);
  // Not coerced: `development: 'false'` (an environment string) would turn stack traces on in production.
  if (typeof development !== 'boolean') throw new InvalidOptionError('development', 'must be a boolean');
  if (options.redisUrl !== undefined && options.store !== undefined)
    throw new InvalidOptionError('redisUrl', 'cannot be combined with "store"');
  if (options.redisUrl !== undefined) checkRedisUrl('redisUrl', options.redisUrl);
  checkSentinelOptions(options);
  wholeNumber('timeout', timeout, 1);
  const deadline = wholeNumber('deadline', options.deadline ?? 2 * timeout, 1);
  if (deadline < timeout)
    throw new InvalidOptionError('deadline', `must be at least "timeout" (${timeout} ms)`, ['timeout']);
  wholeNumber('maxSessionSize', maxSessionSize, 1);
  if (wholeNumber('maxAttributeSize', maxAttributeSize, 1) > maxSessionSize)
    throw new InvalidOptionError('maxAttributeSize', `must not exceed maxSessionSize (${maxSessionSize})`);
  return {
    root,
    ...resolveHardening(options),
    ...pickDefined(options, MANAGER_CHECKED),
    cookie: resolveCookieOptions(options.cookie),
    trustProxy,
    trustForwardedHost,
    urlRewriting,
    timeout,
    deadline,
    maxResponseSize: wholeNumber('maxResponseSize', maxResponseSize, 1),
    maxAttributeSize,
    maxAttributes: wholeNumber('maxAttributes', maxAttributes, 1),
    maxSessionSize,
    memoryLimit: wholeNumber('memoryLimit', memoryLimit, 8),
    workers: wholeNumber('workers', workers, 1),
    isolation,
    contextsPerIsolate: wholeNumber('contextsPerIsolate', contextsPerIsolate, 1),
    pipelineDepth: wholeNumber('pipelineDepth', pipelineDepth, 1),
    maxBodySize: wholeNumber('maxBodySize', maxBodySize, 0),
    development,
    embedding: resolveEmbeddingOptions(options, options.clock),
    ...resolveUploadOptions(options),
    ...resolveHttpClientOptions(options),
    tls: resolveTlsOptions(options),
  };
}

/**
 * `trustForwardedHost` is a boolean, and on only with a proxy to trust (alone it would do
 * nothing); throws `ERR_INVALID_OPTION` naming it.
 */
function checkTrustForwardedHost(trustForwardedHost: unknown, trustProxy: ProxyTrust | undefined): void {
  if (typeof trustForwardedHost !== 'boolean') throw new InvalidOptionError('trustForwardedHost', 'must be a boolean');
  if (trustForwardedHost && trustProxy === undefined)
    throw new InvalidOptionError(
      'trustForwardedHost',
      'needs "trustProxy" (the proxies whose X-Forwarded-Host and X-Forwarded-Port it trusts)',
      ['trustProxy'],
    );
}

/**
 * `redisSentinel` and `redisSentinelName` come together, without `redisUrl` or `store`; throws
 * `ERR_INVALID_OPTION` naming the one that is wrong.
 */
function checkSentinelOptions(options: RuntimeOptions): void {
  const { redisSentinel, redisSentinelName } = options;
  if (redisSentinel === undefined) {
    if (redisSentinelName !== undefined)
      throw new InvalidOptionError('redisSentinelName', 'needs "redisSentinel" (the sentinels to ask)', [
        'redisSentinel',
      ]);
    return;
  }
  for (const other of ['redisUrl', 'store'] as const)
    if (options[other] !== undefined)
      throw new InvalidOptionError('redisSentinel', `cannot be combined with "${other}"`, [other]);
  sentinelClientOptions(
    'redisSentinel',
    sentinelUrls('redisSentinel', redisSentinel),
    'redisSentinelName',
    redisSentinelName,
  );
}

/** The `keys` of `source` that are set (no `undefined` values, as `exactOptionalPropertyTypes` wants). */
function pickDefined<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]])) as Pick<
    T,
    K
  >;
}

/** The options the runtime passes on to its session manager as it was given them (not `redisUrl`, `redisSentinel`, `application` or `log`). */
export function sessionManagerOptions(
  settings: ResolvedOptions,
): Pick<SessionManagerOptions, SessionManagerOptionName | 'listeners'> {
  return pickDefined(settings, [...SESSION_MANAGER_OPTIONS, 'listeners']);
}

/** The per-request limits the sandbox enforces and the main process checks again (console limits from `ops`). */
export function requestLimits(options: ResolvedOptions, ops?: ResolvedOpsOptions): RequestLimits {
  const limits: RequestLimits = pickDefined(options, REQUEST_LIMIT_OPTIONS);
  if (ops !== undefined)
    Object.assign(limits, { maxConsoleBytes: ops.maxConsoleBytes, maxConsoleLines: ops.maxConsoleLines });
  return limits;
}
