/**
 * `core/v4/console` and `core/console`: Dirigible's console module, the same object as the script's
 * global `console` (also available as the module `console`). Each call becomes one line of the
 * server's log, with the script's path and the request id, at the method's level. Arguments are
 * joined with spaces: strings as they are, errors by their stack, other values as JSON. A run keeps
 * at most `maxConsoleLines` lines and `maxConsoleBytes` bytes (defaults 100 and 64 KiB, counted in
 * the response size limit too); further lines are dropped, never thrown, and one line says how many.
 */
declare namespace DirigibleConsole {
  interface Console {
    /** Logs at level `info`. */
    log(...values: unknown[]): void;
    /** Logs at level `info`. */
    info(...values: unknown[]): void;
    /** Logs at level `warn`. */
    warn(...values: unknown[]): void;
    /** Logs at level `error`. */
    error(...values: unknown[]): void;
    /** Logs at level `debug` (shown when the server's log level is `debug` or `trace`). */
    debug(...values: unknown[]): void;
    /** Logs at level `trace`, followed by the stack of the call (`Trace: …`). */
    trace(...values: unknown[]): void;
  }
}

declare module 'core/v4/console' {
  const console: DirigibleConsole.Console;
  export = console;
}

declare module 'core/console' {
  import console = require('core/v4/console');
  export = console;
}
