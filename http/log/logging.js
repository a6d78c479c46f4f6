/*
 * log/logging (Dirigible 3 to 8; also log/v4/logging, log/v3/logging, and the SDK's
 * sdk/log/logging, @dirigible/log/logging, @aerokit/sdk/log/logging): Dirigible's named loggers,
 * over the script console. `getLogger(name)` gives a logger whose lines reach the server's log
 * with `source: "console"`, the line's level and `logger: "app.<name>"` (Dirigible's logger name),
 * bounded per run with the console's lines. Messages take their arguments into `{}` as SLF4J
 * formats them; an Error argument (the last, or the first after the message as older releases
 * took it) adds its stack on the lines after the message. Each logger logs at INFO and above until
 * setLevel() says otherwise, a level kept for the rest of the run (the request), by logger name and
 * inherited by the names under it (`app.orders` for `app.orders.db`), as logback keeps it.
 * See docs/log-logging.md.
 */
'use strict';
const { stringify } = kernel;
// Taken when the module loads: a script that replaces the global Error still has its errors found.
const ErrorClass = Error;

/** Dirigible's root logger of application code; every script logger's name is under it. */
const APP = 'app';
/** Each level's severity; a logger logs at its level and above. ALL and OFF only as thresholds. */
const SEVERITY = { ALL: 0, TRACE: 1, DEBUG: 2, INFO: 3, WARN: 4, ERROR: 5, OFF: 6 };
/** Dirigible's level of `app` (its logback.xml), so of every logger no run has set. */
const DEFAULT_SEVERITY = SEVERITY.INFO;
/** The console (server log) level of each level a line is written at. */
const LINE_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/** Dirigible's name of the logger a script names `loggerName`: `app.` before it; `app` for none. */
function fullName(loggerName) {
  return loggerName === null || loggerName === undefined ? APP : `${APP}.${String(loggerName)}`;
}

/** The levels this run set, by full logger name (kernel state of one run). */
function levelsSet() {
  return kernel.runState('log/logging');
}

/** The severity a logger logs from: its own level, else its nearest parent's, else INFO. */
function threshold(name) {
  const levels = levelsSet();
  for (let at = name.length; at > 0; at = name.lastIndexOf('.', at - 1)) {
    const own = levels[name.slice(0, at)];
    if (own !== undefined) return own;
  }
  return DEFAULT_SEVERITY;
}

/**
 * A level as logback's Level.valueOf reads it: ALL, TRACE, DEBUG, INFO, WARN, ERROR or OFF in any
 * case, spaces around ignored; anything else (and none) is DEBUG.
 */
function severityOf(level) {
  const key = level === null || level === undefined ? '' : String(level).trim().toUpperCase();
  return Object.hasOwn(SEVERITY, key) ? SEVERITY[key] : SEVERITY.DEBUG;
}

/**
 * The text of one message argument, as Dirigible hands it to SLF4J: objects (arrays, dates, errors
 * not taken as the line's error) as their JSON, strings as they are, numbers and booleans as
 * written; undefined, a function, NaN and Infinity become null (JSON has none of them).
 */
function argumentText(value) {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object': {
      if (value === null) return 'null';
      try {
        const text = stringify(value);
        return text === undefined ? 'null' : text;
      } catch (error) {
        return '[value that cannot be shown]';
      }
    }
    default:
      return 'null';
  }
}

/** Whether `value` is an Error, asked without throwing (a revoked Proxy throws on `instanceof`). */
function isError(value) {
  try {
    return value instanceof ErrorClass;
  } catch (error) {
    return false;
  }
}

/**
 * SLF4J's formatting: each `{}` takes the next argument; `\{}` is a literal `{}` and takes none,
 * `\\{}` a backslash and the argument. Without arguments the message stays as written; `{}` left
 * without an argument stay, and arguments left over are not shown.
 */
function format(message, values) {
  if (values.length === 0) return message;
  let text = '';
  let from = 0;
  for (let next = 0; next < values.length; next++) {
    const at = message.indexOf('{}', from);
    if (at < 0) break;
    if (at > 0 && message[at - 1] === '\\') {
      if (!(at > 1 && message[at - 2] === '\\')) {
        text += `${message.slice(from, at - 1)}{`;
        from = at + 1;
        next--;
        continue;
      }
      text += message.slice(from, at - 1) + values[next];
    } else {
      text += message.slice(from, at) + values[next];
    }
    from = at + 2;
  }
  return text + message.slice(from);
}

/** What an error adds to its line: its stack (its text when it has none), read without throwing. */
function errorText(error) {
  try {
    const stack = error.stack;
    return typeof stack === 'string' && stack !== '' ? stack : String(error);
  } catch (inner) {
    return '[error that cannot be shown]';
  }
}

/**
 * The line's text before its error: the message with `values` in its `{}`; a message that is an
 * Error (`promise.catch(logger.error)`, `logger.error(e)`) is its stack, nothing formatted into it;
 * any other message that is not a string is shown as an argument would be (`null` for none).
 */
function lineText(message, values) {
  if (typeof message === 'string') return format(message, values.map(argumentText));
  if (isError(message)) return errorText(message);
  return format(argumentText(message), values.map(argumentText));
}

/** Writes one line of logger `name` at `level` (TRACE … ERROR, any case) when the logger logs it. */
function write(name, message, level, args) {
  const key = typeof level === 'string' ? level.toUpperCase() : '';
  // Dirigible logs nothing at a level it does not know.
  if (!Object.hasOwn(LINE_LEVEL, key) || SEVERITY[key] < threshold(name)) return;
  kernel.writeConsoleLine(
    LINE_LEVEL[key],
    () => {
      // The line's error: the last argument when it is one (the newest SDK), else the first after the
      // message (Dirigible 3 to 10.6).
      let error;
      let values = args;
      if (args.length > 0 && isError(args[args.length - 1])) {
        error = args[args.length - 1];
        values = args.slice(0, -1);
      } else if (args.length > 0 && isError(args[0])) {
        error = args[0];
        values = args.slice(1);
      }
      const text = lineText(message, values);
      return error === undefined ? text : `${text}\n${errorText(error)}`;
    },
    name,
  );
}

/**
 * A named logger. Its methods work detached too (`promise.catch(logger.error)`): each is bound to
 * the logger's name.
 */
class Logger {
  /** @param loggerName the name the script gives; the logger's full name is `app.` and it. */
  constructor(loggerName) {
    const name = fullName(loggerName);
    const enabled = (level) => SEVERITY[level] >= threshold(name);
    /** Sets the logger's level (TRACE, DEBUG, INFO, WARN, ERROR, ALL, OFF) for the rest of the run. */
    this.setLevel = (level) => {
      levelsSet()[name] = severityOf(level);
      return this;
    };
    this.isTraceEnabled = () => enabled('TRACE');
    this.isDebugEnabled = () => enabled('DEBUG');
    this.isInfoEnabled = () => enabled('INFO');
    this.isWarnEnabled = () => enabled('WARN');
    this.isErrorEnabled = () => enabled('ERROR');
    /** Logs `message` at `level`, its arguments into its `{}`; an Error argument adds its stack. */
    this.log = (message, level, ...args) => write(name, message, level, args);
    this.trace = (message, ...args) => write(name, message, 'TRACE', args);
    this.debug = (message, ...args) => write(name, message, 'DEBUG', args);
    this.info = (message, ...args) => write(name, message, 'INFO', args);
    this.warn = (message, ...args) => write(name, message, 'WARN', args);
    this.error = (message, ...args) => write(name, message, 'ERROR', args);
    Object.freeze(this);
  }
}
Object.freeze(Logger.prototype);
Object.freeze(Logger);

/** Dirigible's entry point: `Logging.getLogger(name)`; the module's exports are this class. */
class Logging {}
/** The logger named `loggerName` (its lines name it `app.<loggerName>`). */
Logging.getLogger = (loggerName) => new Logger(loggerName);
// CommonJS scripts get the class itself, as Dirigible's SDK module exports it; getLogger by name
// serves `require("log/logging").getLogger` and `import * as logging from "@dirigible/log/logging"`,
// Logging and Logger the newer SDK's `import { Logging, Logger } from "sdk/log/logging"`.
Logging.Logging = Logging;
Logging.Logger = Logger;
Object.freeze(Logging.prototype);
Object.freeze(Logging);

module.exports = Logging;
