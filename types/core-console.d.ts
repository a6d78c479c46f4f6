/**
 * `core/v4/console`, `core/console` and `console`: Dirigible's console module, the same object as
 * the script's global `console`. Each call becomes one line of the
 * server's log, with the script's path and the request id, at the method's level. A first argument
 * that is a string with placeholders (`%s`, `%d`, `%i`, `%f`, `%j`, `%o`, `%O`, `%c`, `%%`) takes the
 * next arguments, as in Node and Dirigible: `console.info('order %s placed', id)`. Arguments are
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

/**
 * `console`: the same module. Declared as the pattern `c*onsole`, which matches `console`: an exact
 * `declare module 'console'` would clash with the one of @types/node (duplicate `export =`) in a
 * program that has both; with @types/node, its exact declaration wins, and its console has these
 * functions too. Other names the pattern matches are not modules at run time.
 */
declare module 'c*onsole' {
  import console = require('core/v4/console');
  export = console;
}
