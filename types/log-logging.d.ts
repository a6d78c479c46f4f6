/**
 * `log/logging` (Dirigible 3 to 8; also `log/v4/logging`, Dirigible 3's `log/v3/logging`, and the
 * SDK's `sdk/log/logging`, `@dirigible/log/logging`, `@aerokit/sdk/log/logging`): Dirigible's named
 * loggers over the script console. `require("log/logging")` gives the `Logging` class:
 * `getLogger(name)`, and `Logging` and `Logger` by name. A logger's lines reach the server's log
 * with `source: "console"`, `logger: "app.<name>"` and their level; messages take their arguments
 * into `{}` as SLF4J does, and an `Error` argument (the last, or the first after the message) adds
 * its stack. Levels hold for the rest of the run (the request), per logger name.
 */
declare module 'log/logging' {
  namespace Logging {
    /** A level by name, in any case; `setLevel` also takes `ALL` and `OFF`. */
    type Level = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
    /** A named logger; its methods work detached too. */
    interface Logger {
      /**
       * Sets this logger's level for the rest of the run (and of the loggers under its name that set
       * none): `TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR`, `ALL` or `OFF`, any case; anything else is
       * `DEBUG`, as logback reads it. Loggers start at `INFO`.
       */
      setLevel(level: Level | 'ALL' | 'OFF' | (string & {})): Logger;
      /** Whether a `trace` line of this logger is written. */
      isTraceEnabled(): boolean;
      /** Whether a `debug` line of this logger is written. */
      isDebugEnabled(): boolean;
      /** Whether an `info` line of this logger is written. */
      isInfoEnabled(): boolean;
      /** Whether a `warn` line of this logger is written. */
      isWarnEnabled(): boolean;
      /** Whether an `error` line of this logger is written. */
      isErrorEnabled(): boolean;
      /**
       * Logs `message` at `level` (`TRACE` … `ERROR`, any case; another level logs nothing), each
       * `{}` taking the next argument (objects as JSON); an `Error` argument adds its stack.
       */
      log(message: string, level: Level | (string & {}), ...args: unknown[]): void;
      /** Logs at trace: `{}` take the arguments; an `Error` argument adds its stack. */
      trace(message: string, ...args: unknown[]): void;
      /** Logs at debug: `{}` take the arguments; an `Error` argument adds its stack. */
      debug(message: string, ...args: unknown[]): void;
      /** Logs at info: `{}` take the arguments; an `Error` argument adds its stack. */
      info(message: string, ...args: unknown[]): void;
      /** Logs at warn: `{}` take the arguments; an `Error` argument adds its stack. */
      warn(message: string, ...args: unknown[]): void;
      /** Logs at error: `{}` take the arguments; an `Error` argument adds its stack. */
      error(message: string, ...args: unknown[]): void;
    }
    /** The `Logger` class: `new Logger(name)` is `getLogger(name)`. */
    interface LoggerClass {
      new (loggerName?: string | null): Logger;
    }
  }
  /** The `Logging` class of static members. */
  interface LoggingClass {
    /** The logger `loggerName`; its lines name it `app.<loggerName>` (`app` without a name). */
    getLogger(loggerName?: string | null): Logging.Logger;
    /** The class itself, for `import { Logging }` and `require("log/logging").Logging`. */
    readonly Logging: LoggingClass;
    /** The `Logger` class. */
    readonly Logger: Logging.LoggerClass;
  }
  const Logging: LoggingClass;
  export = Logging;
}
declare module 'log/v4/logging' {
  import Logging = require('log/logging');
  export = Logging;
}
declare module 'log/v3/logging' {
  import Logging = require('log/logging');
  export = Logging;
}
declare module 'sdk/log/logging' {
  import Logging = require('log/logging');
  export = Logging;
}
declare module '@dirigible/log/logging' {
  import Logging = require('log/logging');
  export = Logging;
}
declare module '@aerokit/sdk/log/logging' {
  import Logging = require('log/logging');
  export = Logging;
}
/**
 * `sdk/log` (Dirigible 10's SDK; also `@dirigible/log` and `@aerokit/sdk/log`): `logging` and
 * `Logging` (the same class, `logging.getLogger(name)`), and the `Logger` class and type.
 */
declare module 'sdk/log' {
  import LoggingModule = require('log/logging');
  /** A named logger (the type of `Logging.getLogger(name)`). */
  type Logger = LoggingModule.Logger;
  const Logger: LoggingModule.LoggerClass;
  const Logging: typeof LoggingModule;
  export { Logging, Logging as logging, Logger };
  /** Every export as one object (`import log from "sdk/log"`). */
  const exports: { Logging: typeof Logging; logging: typeof Logging; Logger: typeof Logger };
  export default exports;
}
declare module '@dirigible/log' {
  export * from 'sdk/log';
  export { default } from 'sdk/log';
}
declare module '@aerokit/sdk/log' {
  export * from 'sdk/log';
  export { default } from 'sdk/log';
}
