/**
 * Every option `createRuntime` takes, so a misspelled one fails at start-up naming it. The list is
 * typed against `RuntimeOptions`: an option added to the interface and not here does not compile.
 */
import { InvalidOptionError } from '../../common/errors.js';
import type { RuntimeOptions } from './options.js';

const KNOWN: Record<keyof RuntimeOptions, true> = {
  root: true,
  store: true,
  redisUrl: true,
  redisSentinel: true,
  redisSentinelName: true,
  clock: true,
  applicationName: true,
  initParameters: true,
  maxInactiveInterval: true,
  absoluteTimeout: true,
  maxActiveSessions: true,
  sweepInterval: true,
  passivation: true,
  listeners: true,
  cookie: true,
  trustProxy: true,
  trustForwardedHost: true,
  urlRewriting: true,
  timeout: true,
  deadline: true,
  maxResponseSize: true,
  maxAttributeSize: true,
  maxAttributes: true,
  maxSessionSize: true,
  memoryLimit: true,
  workers: true,
  isolation: true,
  contextsPerIsolate: true,
  pipelineDepth: true,
  maxBodySize: true,
  development: true,
  logger: true,
  logLevel: true,
  log: true,
  metricsPath: true,
  livenessPath: true,
  readinessPath: true,
  maxConsoleBytes: true,
  maxConsoleLines: true,
  principalAttribute: true,
  maxHeaders: true,
  maxHeaderBytes: true,
  maxSessionOps: true,
  maxErrorSize: true,
  maxQueue: true,
  maxBufferedBytes: true,
  sendTimeout: true,
  shutdownTimeout: true,
  storeTimeout: true,
  sessionLock: true,
  sessionLockWait: true,
  bodyTimeout: true,
  crossSiteProtection: true,
  trustedOrigins: true,
  authenticate: true,
  usersFile: true,
  loginFailures: true,
  loginLockoutSeconds: true,
  requireUser: true,
  expressSession: true,
  uploadMaxFileSize: true,
  uploadMaxFiles: true,
  uploadMaxSize: true,
  allowedHosts: true,
  httpClientTimeout: true,
  httpClientMaxResponseSize: true,
  tlsCert: true,
  tlsKey: true,
  tlsHandshakeTimeout: true,
};

/** The option names `createRuntime` knows. */
export const KNOWN_OPTIONS: readonly string[] = Object.keys(KNOWN);

/** Throws `ERR_INVALID_OPTION` naming every option of `options` that `createRuntime` does not know. */
export function checkKnownOptions(options: object): void {
  const unknown = Object.keys(options).filter((name) => !Object.hasOwn(KNOWN, name));
  if (unknown.length > 0)
    throw new InvalidOptionError(unknown.join('", "'), `is not an option of createRuntime (misspelled?)`);
}
