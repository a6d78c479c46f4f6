/**
 * The operations options of `createRuntime` (logging, script console, metrics and health paths),
 * their defaults, and their check at start-up.
 */
import { InvalidOptionError } from '../../common/errors.js';
import type { LoggingOptions } from './logger.js';

export interface OpsOptions extends LoggingOptions {
  /** Serve Prometheus metrics at this path (outside `/services/`). Default: off. */
  metricsPath?: string;
  /** Serve the liveness probe (200 while the process answers) at this path. Default: off. */
  livenessPath?: string;
  /** Serve the readiness probe (workers ready, store reachable; else 503) at this path. Default: off. */
  readinessPath?: string;
  /** Most bytes of script console output per run (counted in `maxResponseSize` too). Default 65536. */
  maxConsoleBytes?: number;
  /** Most script console lines per run. Default 100. */
  maxConsoleLines?: number;
}

/** The probe and metrics paths that are set. */
export interface OpsPaths {
  metrics?: string;
  liveness?: string;
  readiness?: string;
}

export interface ResolvedOpsOptions {
  paths: OpsPaths;
  maxConsoleBytes: number;
  maxConsoleLines: number;
}

/** Checks the operations options; throws naming the first bad one. */
export function resolveOpsOptions(options: OpsOptions): ResolvedOpsOptions {
  const paths: OpsPaths = {};
  const seen = new Set<string>();
  for (const [key, option] of [
    ['metrics', 'metricsPath'],
    ['liveness', 'livenessPath'],
    ['readiness', 'readinessPath'],
  ] as const) {
    const value = options[option];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !/^\/[\w\-./]*$/.test(value))
      throw new InvalidOptionError(option, `must be a URL path such as "/${key}" (got ${String(value)})`);
    if (value === '/services' || value.startsWith('/services/'))
      throw new InvalidOptionError(option, 'must be outside /services/, where scripts are served');
    if (seen.has(value)) throw new InvalidOptionError(option, `is already used by another probe (${value})`);
    seen.add(value);
    paths[key] = value;
  }
  const { maxConsoleBytes = 65536, maxConsoleLines = 100 } = options;
  if (!(Number.isInteger(maxConsoleBytes) && maxConsoleBytes >= 0))
    throw new InvalidOptionError('maxConsoleBytes', 'must be a whole number >= 0');
  if (!(Number.isInteger(maxConsoleLines) && maxConsoleLines >= 0))
    throw new InvalidOptionError('maxConsoleLines', 'must be a whole number >= 0');
  return { paths, maxConsoleBytes, maxConsoleLines };
}
