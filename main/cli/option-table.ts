/**
 * The one table of the command line's options: every runtime option that is plain data, plus
 * where to listen. Flags (`--kebab-case`), environment variables (`DIRIGIBLE_SESSION_SNAKE_CASE`),
 * the help text and the README's table all come from it, so a new option is one line here.
 */

import { checkProxyList } from '../server/proxy-trust.js';
import { sentinelUrls } from '../session/redis/redis-sentinel-options.js';
import { checkRedisUrl } from '../session/redis/redis-url.js';
import { checkListenHost } from './listen-host.js';

/**
 * How a value given as text (flag or environment variable) is read, and the JSON type a config
 * file gives it: `integer` a whole number; `boolean` `true`/`false` (as text also `1`/`0`,
 * `yes`/`no`, in any case); `list` comma-separated items, each trimmed, an empty one too (a JSON
 * array of strings); `json` a JSON text (any JSON value); `string` the text as it is.
 */
export type OptionKind = 'integer' | 'string' | 'boolean' | 'json' | 'list';

export interface CliOption {
  /** The runtime option it sets (`cookie.secure` for a nested one), or `port` / `host`. */
  readonly name: string;
  readonly kind: OptionKind;
  /** The default, as the help and the README show it. */
  readonly default: string;
  readonly help: string;
  /** Accepted values, when there are few. */
  readonly choices?: readonly string[];
  /** Environment variables read as well as the derived one (after it), e.g. `PORT`. */
  readonly alsoEnv?: readonly string[];
  /** Least value of an `integer` option, checked wherever it comes from. */
  readonly min?: number;
  /** Greatest value of an `integer` option, checked wherever it comes from. */
  readonly max?: number;
  /**
   * Checks a `string` option's value (from a flag, a variable or the config file), throwing
   * `ERR_INVALID_OPTION` naming `source`, the option as it was given.
   */
  readonly check?: (source: string, value: string) => void;
  /**
   * Makes a `boolean` option one that also takes a list (`--trust-proxy 10.0.0.0/8`): the flag
   * alone is true; `--flag=LIST`, the flag followed by an argument this accepts, a variable that
   * is no boolean text and a config file's array of strings are a list, which this checks,
   * throwing `ERR_INVALID_OPTION` naming `source`.
   */
  readonly orList?: (source: string, items: readonly string[]) => void;
}

/** Prefix of every derived environment variable. */
export const ENV_PREFIX = 'DIRIGIBLE_SESSION_';

/** The options of `serve`, in the order the help lists them. */
export const SERVE_OPTIONS: readonly CliOption[] = [
  {
    name: 'port',
    kind: 'integer',
    default: '8080',
    help: 'port to listen on; 0 picks a free one',
    alsoEnv: ['PORT'],
    min: 0,
    max: 65535,
  },
  {
    name: 'host',
    kind: 'string',
    default: '127.0.0.1',
    help: 'interface to listen on (0.0.0.0 for all)',
    check: checkListenHost,
  },
  {
    name: 'redisUrl',
    kind: 'string',
    default: 'none (memory)',
    help: 'keep sessions in Redis at this redis:// or rediss:// URL',
    check: checkRedisUrl,
  },
  {
    name: 'redisSentinel',
    kind: 'string',
    default: 'none',
    help: 'keep sessions in the Redis master these sentinels name (host:port,host:port)',
    check: (source, value) => void sentinelUrls(source, value),
  },
  {
    name: 'redisSentinelName',
    kind: 'string',
    default: 'none',
    help: 'master set the sentinels watch (such as mymaster); with --redis-sentinel',
  },
  { name: 'applicationName', kind: 'string', default: 'default', help: 'prefixes every store key' },
  { name: 'initParameters', kind: 'json', default: '{}', help: 'JSON object of servlet init parameters' },
  { name: 'maxInactiveInterval', kind: 'integer', default: '1800', help: 'idle timeout of new sessions, s' },
  {
    name: 'absoluteTimeout',
    kind: 'integer',
    default: '0 (none)',
    help: 'sessions expire this long after creation, s',
  },
  { name: 'maxActiveSessions', kind: 'integer', default: 'no limit', help: 'most sessions; beyond it 503' },
  { name: 'sweepInterval', kind: 'integer', default: '60000', help: 'ms between sweeps of expired sessions; 0 off' },
  { name: 'passivation', kind: 'boolean', default: 'true with Redis', help: 'tell passivation listeners' },
  { name: 'cookie.name', kind: 'string', default: 'JSESSIONID', help: 'session cookie name' },
  { name: 'cookie.path', kind: 'string', default: '/', help: 'session cookie Path' },
  { name: 'cookie.domain', kind: 'string', default: 'none', help: 'session cookie Domain' },
  {
    name: 'cookie.secure',
    kind: 'string',
    default: 'auto',
    help: 'Secure: true, false, or auto (on TLS)',
    choices: ['auto', 'true', 'false'],
  },
  {
    name: 'cookie.sameSite',
    kind: 'string',
    default: 'lax',
    help: 'SameSite attribute',
    choices: ['lax', 'strict', 'none', 'false'],
  },
  { name: 'cookie.maxAge', kind: 'integer', default: 'none', help: 'session cookie Max-Age, s' },
  { name: 'cookie.partitioned', kind: 'boolean', default: 'false', help: 'Partitioned attribute (CHIPS)' },
  {
    name: 'trustProxy',
    kind: 'boolean',
    default: 'false',
    help: 'trust X-Forwarded-For, -Proto from every peer, or from these (addresses, CIDRs, loopback, private)',
    orList: checkProxyList,
  },
  {
    name: 'trustForwardedHost',
    kind: 'boolean',
    default: 'false',
    help: 'and their X-Forwarded-Host, -Port (if they set or clear them); with --trust-proxy',
  },
  { name: 'urlRewriting', kind: 'boolean', default: 'false', help: 'accept ;jsessionid= in URLs' },
  {
    name: 'timeout',
    kind: 'integer',
    default: '5000',
    help: 'execution time limit of one run (wall clock, awaits and HTTP client calls excluded), ms',
  },
  { name: 'deadline', kind: 'integer', default: 'twice timeout', help: 'wall-clock limit of one run, ms' },
  { name: 'memoryLimit', kind: 'integer', default: '128', help: 'heap limit of the sandbox isolate, MB' },
  { name: 'workers', kind: 'integer', default: 'one per core', help: 'sandbox worker processes' },
  {
    name: 'isolation',
    kind: 'string',
    default: 'script',
    help: 'a warm context per script, or a fresh one per request',
    choices: ['script', 'request'],
  },
  { name: 'contextsPerIsolate', kind: 'integer', default: '300', help: 'request isolation: contexts per isolate' },
  {
    name: 'pipelineDepth',
    kind: 'integer',
    default: '16',
    help: 'most runs one worker may hold while all are busy (1: no pipelining or packing)',
  },
  { name: 'maxBodySize', kind: 'integer', default: '1048576', help: 'largest request body, bytes (413 beyond)' },
  { name: 'maxResponseSize', kind: 'integer', default: '10485760', help: 'largest response, bytes' },
  { name: 'maxAttributeSize', kind: 'integer', default: '262144', help: 'largest session attribute, bytes' },
  { name: 'maxAttributes', kind: 'integer', default: '1000', help: 'most attributes in one session' },
  { name: 'maxSessionSize', kind: 'integer', default: '1048576', help: 'largest session, bytes' },
  { name: 'maxConsoleBytes', kind: 'integer', default: '65536', help: 'script console output per run, bytes' },
  { name: 'maxConsoleLines', kind: 'integer', default: '100', help: 'script console lines per run' },
  { name: 'maxHeaders', kind: 'integer', default: '1000', help: 'most headers of one response' },
  { name: 'maxHeaderBytes', kind: 'integer', default: '65536', help: "most bytes of one response's headers" },
  { name: 'maxSessionOps', kind: 'integer', default: '10000', help: 'most session operations of one run' },
  {
    name: 'maxErrorSize',
    kind: 'integer',
    default: '8192',
    help: 'longest error name, code, message and stack, characters',
  },
  { name: 'maxQueue', kind: 'integer', default: '1000', help: 'most runs waiting for a worker (503 beyond)' },
  {
    name: 'maxBufferedBytes',
    kind: 'integer',
    default: '134217728',
    help: 'most response bytes held for slow readers (503 beyond)',
  },
  {
    name: 'sendTimeout',
    kind: 'integer',
    default: '60000',
    help: 'longest a client may take none of its response, ms; then its connection is closed',
  },
  {
    name: 'shutdownTimeout',
    kind: 'integer',
    default: '10000',
    help: 'longest graceful shutdown, ms; then cut off, exit 1',
  },
  { name: 'storeTimeout', kind: 'integer', default: '2000', help: 'longest store call, ms; then 503' },
  { name: 'sessionLock', kind: 'boolean', default: 'false', help: 'run the requests of one session one at a time' },
  { name: 'sessionLockWait', kind: 'integer', default: '5000', help: 'longest wait for the session lock, ms' },
  { name: 'uploadMaxFileSize', kind: 'integer', default: '10485760', help: 'largest uploaded file, bytes (413)' },
  { name: 'uploadMaxFiles', kind: 'integer', default: '10', help: 'most files in one upload (413)' },
  { name: 'uploadMaxSize', kind: 'integer', default: '20971520', help: 'largest multipart body, bytes (413)' },
  {
    name: 'allowedHosts',
    kind: 'list',
    default: 'none',
    help: 'hosts the HTTP client may reach: names, *.wildcards, IPs, CIDRs, each with an optional :port',
  },
  { name: 'httpClientTimeout', kind: 'integer', default: '10000', help: 'longest HTTP client call, ms' },
  {
    name: 'httpClientMaxResponseSize',
    kind: 'integer',
    default: '10485760',
    help: 'largest HTTP client response body, bytes',
  },
  { name: 'bodyTimeout', kind: 'integer', default: '30000', help: 'longest wait for a request body, ms (408 beyond)' },
  {
    name: 'crossSiteProtection',
    kind: 'boolean',
    default: 'true',
    help: 'refuse cross-site unsafe requests (403); --no-cross-site-protection is not a flag: set the variable to false',
  },
  {
    name: 'tlsCert',
    kind: 'string',
    default: 'none (HTTP)',
    help: 'serve HTTPS with this PEM certificate, intermediates after it (fullchain); with --tls-key',
  },
  {
    name: 'tlsKey',
    kind: 'string',
    default: 'none',
    help: "PEM file of --tls-cert's private key, unencrypted; a renewed pair is read without a restart",
  },
  {
    name: 'tlsHandshakeTimeout',
    kind: 'integer',
    default: '20000',
    help: 'longest TLS handshake, ms (the connection is closed and logged beyond); HTTPS only',
    min: 1,
  },
  { name: 'usersFile', kind: 'string', default: 'none', help: 'HTTP Basic users file (see add-user)' },
  {
    name: 'loginFailures',
    kind: 'integer',
    default: '5',
    help: 'failed logins in a row that lock a user name of the users file out; 0 is no lockout',
    min: 0,
  },
  {
    name: 'loginLockoutSeconds',
    kind: 'integer',
    default: '300',
    help: 'how long a user name stays locked out, seconds',
    min: 1,
  },
  {
    name: 'requireUser',
    kind: 'list',
    default: 'every script with --users-file, else none',
    help: "script paths (prefixes under the root) that need a user; '' or / is every script",
  },
  {
    name: 'trustedOrigins',
    kind: 'list',
    default: 'none',
    help: 'origins whose cross-site unsafe requests are accepted (comma-separated or repeated)',
  },
  { name: 'development', kind: 'boolean', default: 'NODE_ENV=development', help: 'stack traces in errors and logs' },
  {
    name: 'logLevel',
    kind: 'string',
    default: 'info',
    help: 'least level logged',
    choices: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'],
  },
  { name: 'metricsPath', kind: 'string', default: 'none (off)', help: 'serve Prometheus metrics at this path' },
  { name: 'livenessPath', kind: 'string', default: 'none (off)', help: 'serve the liveness probe at this path' },
  { name: 'readinessPath', kind: 'string', default: 'none (off)', help: 'serve the readiness probe at this path' },
  {
    name: 'principalAttribute',
    kind: 'string',
    default: 'none',
    help: 'session attribute naming its principal (user)',
  },
];

/** `cookie.sameSite` → `--cookie-same-site`. */
export function flagOf(option: Pick<CliOption, 'name'>): string {
  return `--${option.name.replace(/\./g, '-').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** `cookie.sameSite` → `DIRIGIBLE_SESSION_COOKIE_SAME_SITE`. */
export function envOf(option: Pick<CliOption, 'name'>): string {
  return ENV_PREFIX + flagOf(option).slice(2).replace(/-/g, '_').toUpperCase();
}

/** Every environment variable the option reads, the derived one first. */
export function envNamesOf(option: CliOption): string[] {
  return [envOf(option), ...(option.alsoEnv ?? [])];
}
