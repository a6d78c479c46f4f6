/**
 * The runtime's logger: the embedder's pino-compatible `logger`, or one made with pino (JSON lines
 * on stdout at `logLevel`), or, for the older `log(line)` option, an adapter that hands it the
 * message of every line at or above the level.
 */
import { pino } from 'pino';
import { InvalidOptionError } from '../../common/errors.js';

/** A log method: fields first, then the message (pino's order). */
export type LogFn = (fields: Record<string, unknown>, message: string) => void;

/** What the runtime calls of a logger; pino's loggers (and most of their peers) have it. */
export interface Logger {
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  /** A logger that adds `bindings` to every line. */
  child(bindings: Record<string, unknown>): Logger;
  /** True when lines at `level` are written (pino has it); without it, every level counts as written. */
  isLevelEnabled?(level: string): boolean;
}

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type Method = Exclude<LogLevel, 'silent'>;

/** The logging options of `createRuntime`. */
export interface LoggingOptions {
  /** A pino-compatible logger (pino, or one with `trace` … `fatal` and `child`). Default: pino on stdout. */
  logger?: Logger;
  /** Least level logged by the logger the runtime makes (not by one passed in). Default `'info'`. */
  logLevel?: LogLevel;
  /** Older option: receives the message of each line at or above `logLevel` instead of a JSON logger. */
  log?: (line: string) => void;
}

/** The logger of a runtime; throws `ERR_INVALID_OPTION` naming a bad logging option. */
export function createLogger({ logger, logLevel = 'info', log }: LoggingOptions): Logger {
  if (!LOG_LEVELS.includes(logLevel))
    throw new InvalidOptionError('logLevel', `must be one of ${LOG_LEVELS.join(', ')} (got ${String(logLevel)})`);
  if (logger !== undefined) {
    const missing = [...LOG_LEVELS.slice(0, 6), 'child'].filter(
      (method) => typeof (logger as unknown as Record<string, unknown>)?.[method] !== 'function',
    );
    if (missing.length > 0)
      throw new InvalidOptionError('logger', `must be pino-compatible (missing ${missing.join(', ')})`);
    if (log !== undefined) throw new InvalidOptionError('log', 'cannot be combined with "logger"');
    return logger;
  }
  if (log !== undefined) {
    if (typeof log !== 'function') throw new InvalidOptionError('log', 'must be a function');
    return lineLogger(log, LOG_LEVELS.indexOf(logLevel));
  }
  return pino({ level: logLevel, base: { pid: process.pid } }) as unknown as Logger;
}

/** A logger that passes each message at or above level `least` (an index of `LOG_LEVELS`) to `log`. */
function lineLogger(log: (line: string) => void, least: number): Logger {
  const make = (): Logger => {
    const method =
      (level: Method): LogFn =>
      (_fields, message) => {
        if (LOG_LEVELS.indexOf(level) >= least) log(message);
      };
    return {
      trace: method('trace'),
      debug: method('debug'),
      info: method('info'),
      warn: method('warn'),
      error: method('error'),
      fatal: method('fatal'),
      child: () => make(),
      isLevelEnabled: (level) => LOG_LEVELS.indexOf(level as LogLevel) >= least,
    };
  };
  return make();
}

/** A `(line, level)` callback over `logger`, for parts that log plain lines (supervisor, store, listeners). */
export function lineSink(logger: Logger, component: string, level: Method = 'warn') {
  return (line: string, lineLevel: Method = level): void => logger[lineLevel]({ component }, line);
}
