/*
 * The guest kernel: runs once in every sandbox context before any script. It captures the
 * intrinsics it relies on (so a script that replaces globals cannot break it), turns host error
 * descriptors back into errors, converts session values to JSON data, and implements require().
 *
 * The compiled kernel evaluates to its boot function, which the host calls once in every new
 * context, before any script, with what the kernel reaches the host by:
 *   host(number, a, b, c, commit, text)  calls the facade function of that number; returns a
 *                                         primitive or an error descriptor { name, code, message }
 *                                         (number -1 with args facade, fn: no such function);
 *                                         first it prints the deferred `text` (if a string), then
 *                                         applies a deferred response flush (`commit` 1) or close
 *                                         (2), see `pendingText` and `pendingCommit`
 *   load(fromId, specifier)               resolves and defines a module; returns its id or a
 *                                         descriptor
 *   settle(runId, outcome)                reports that the promise a script returned settled, with
 *                                         the outcome `run` would have returned
 *   following(outcome)                    tells the host the outcome of the current run of
 *                                         `runSeries`; returns the next run of the same main module
 *                                         to go on with (the current one then ended): its runId
 *                                         (same print room) or [runId, printRoom]; or undefined to
 *                                         stop (the current run ends when `runSeries` returns)
 *   functionTable                         every facade function's number, as text:
 *                                         ",facade.fn=number,…," (worker/facade/registry.ts)
 *   singleUse                             true when the context serves one request and is dropped
 *                                         (`--isolation request`), see `newExports`
 * None of these is left on the global: the kernel holds them in its closure. Boot returns the
 * kernel's functions for the host, in a frozen object no script can reach: `runSeries(mainId,
 * runId, printRoom)`, how the host runs requests (one or more in one call; see `run` for what each
 * returns), `define(id,
 * wrapper, api)`, how the host defines a module, and `apiExports(id)`, `resetModules()` and
 * `takeLastCodedError()`, which serve ES module scripts (sandbox/esm-loader.ts). Booting costs a
 * new context (every request with `--isolation request`) two isolate crossings and no table to
 * build key by key.
 */
(function boot(host, load, settle, following, functionTable, singleUse) {
  'use strict';
  const global = globalThis;

  const { stringify, parse } = JSON;
  const { getPrototypeOf, setPrototypeOf, keys, defineProperty, freeze, create, hasOwn } = Object;
  const { isArray } = Array;
  const isFinite = Number.isFinite;
  const ObjectPrototype = Object.prototype;
  const ArrayPrototype = Array.prototype;
  const DateClass = Date;
  const getTime = Date.prototype.getTime;
  const SetClass = Set;
  const setHas = Set.prototype.has;
  const setAdd = Set.prototype.add;
  const setDelete = Set.prototype.delete;
  const apply = Reflect.apply;
  const errorTypes = { TypeError, RangeError, SyntaxError, ReferenceError, Error };

  // The last coded error made here (in this run). isolated-vm carries only name, message and stack
  // out of an ES module evaluation or an unhandled rejection, so the host asks for the code of such
  // an uncaught error (sandbox/guest-failure.ts).
  let lastCoded;
  function coded(error, code) {
    defineProperty(error, 'code', { value: code, enumerable: true, writable: true, configurable: true });
    lastCoded = error;
    return error;
  }

  /** Rebuilds an error from the host's { name, code, message }. */
  function rebuild(descriptor) {
    const name = String(descriptor.name);
    const Constructor = hasOwn(errorTypes, name) ? errorTypes[name] : Error;
    const error = new Constructor(String(descriptor.message));
    if (Constructor === Error && name !== 'Error')
      defineProperty(error, 'name', { value: name, writable: true, configurable: true });
    return coded(error, String(descriptor.code));
  }

  function primitive(value) {
    const type = typeof value;
    return value === null || type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined'
      ? value
      : undefined;
  }

  // The JSON text of each session attribute this run set, as the host stored it: a getAttribute of
  // one is answered here, without a host call. Any other session call (remove, invalidate, a new
  // id, …) forgets them all, and each run starts with none.
  let attributesSet = create(null);

  // The host's number of each facade function, by facade and function name (see facade/registry.ts),
  // looked up in the host's table the first time this context calls it: a context serving one
  // request (`--isolation request`) builds no table of a hundred functions to call two. -1: none.
  const stringIndexOf = String.prototype.indexOf;
  const stringSlice = String.prototype.slice;
  const functionNumbers = create(null);
  function functionNumber(facade, fn) {
    let functions = functionNumbers[facade];
    if (functions === undefined) functionNumbers[facade] = functions = create(null);
    let number = functions[fn];
    if (number === undefined) functions[fn] = number = lookUpFunction(StringClass(facade), StringClass(fn));
    return number;
  }
  function lookUpFunction(facade, fn) {
    if (hasSeparator(facade) || hasSeparator(fn)) return -1;
    const key = ',' + facade + '.' + fn + '=';
    const at = apply(stringIndexOf, functionTable, [key]);
    if (at < 0) return -1;
    const from = at + key.length;
    return +apply(stringSlice, functionTable, [from, apply(stringIndexOf, functionTable, [',', from])]);
  }
  function hasSeparator(name) {
    return (
      apply(stringIndexOf, name, [',']) >= 0 ||
      apply(stringIndexOf, name, ['.']) >= 0 ||
      apply(stringIndexOf, name, ['=']) >= 0
    );
  }

  // A response flush() or close() the host has not yet been told of: 0 none, 1 flush, 2 close.
  // Both only commit the response (servlet rules for the calls after them) and cannot fail, so the
  // kernel keeps them and the next host call carries them, applied before that call: one isolate
  // crossing less for each (nearly every Dirigible script ends with flush() and close()). Nothing
  // but a later call of the same run can see the difference, and each run starts with none.
  let pendingCommit = 0;

  // Text the script printed (response.print, println) that the host has not seen yet, kept for the
  // next host call or the run's end to carry: Basic Usage's println then costs no crossing. A print
  // is kept only when it cannot fail, so every error still comes from the call that causes it: the
  // run starts knowing how many bytes the response may still take (`printRoom`), and kept text
  // counts three bytes for each UTF-16 unit (`printBound`, at least its UTF-8 size). Calls other than
  // session and request ones may use room (headers, console output) or close the response: after
  // one, every print goes to the host at once. So does a print after a deferred flush or close.
  let pendingText = '';
  let printBound = 0;
  let printRoom = 0;

  /** The deferred print text for the host to print now, or undefined; none is left pending. */
  function takePendingText() {
    if (pendingText === '') return undefined;
    const text = pendingText;
    pendingText = '';
    return text;
  }

  /**
   * Starts a run's deferred state: nothing pending, `room` bytes a print may defer into, and no
   * API module state (`runState`).
   */
  function resetPending(room) {
    runStates = undefined;
    attributesSet = create(null);
    pendingCommit = 0;
    pendingText = '';
    printBound = 0;
    printRoom = room;
  }

  /** Calls a facade function with primitive arguments; throws what the host threw. */
  function call(facade, fn, a, b, c) {
    if (facade === 'response') {
      if (fn === 'close') {
        pendingCommit = 2;
        return undefined;
      }
      if (fn === 'flush') {
        if (pendingCommit === 0) pendingCommit = 1;
        return undefined;
      }
      if (fn === 'print' && pendingCommit === 0 && typeof a === 'string') {
        const bound = printBound + a.length * 3;
        if (bound <= printRoom) {
          pendingText += a;
          printBound = bound;
          return undefined;
        }
      }
      printRoom = 0;
    } else if (facade === 'session') {
      if (fn === 'getAttribute') {
        const known = typeof a === 'string' ? attributesSet[a] : undefined;
        if (known !== undefined) return known;
      } else if (fn !== 'setAttribute') attributesSet = create(null);
    } else if (facade !== 'request') printRoom = 0;
    const number = functionNumber(facade, fn);
    const commit = pendingCommit;
    const text = takePendingText();
    pendingCommit = 0;
    const result =
      number < 0
        ? host(-1, String(facade), String(fn), undefined, commit, text)
        : host(number, primitive(a), primitive(b), primitive(c), commit, text);
    if (result !== null && typeof result === 'object') throw rebuild(result);
    if (facade === 'session' && fn === 'setAttribute' && typeof a === 'string')
      attributesSet[a] = typeof b === 'string' ? b : undefined;
    return result;
  }

  function notData(name, path, what) {
    const where = path === '' ? '' : ' at ' + path;
    return coded(
      new TypeError('setAttribute: value of attribute "' + String(name) + '" is not data' + where + ': ' + what),
      'ERR_INVALID_ATTRIBUTE',
    );
  }

  function toData(name, value, path, seen) {
    const type = typeof value;
    if (type === 'string' || type === 'boolean') return value;
    if (type === 'number') {
      if (isFinite(value)) return value;
      throw notData(name, path, 'the number ' + value);
    }
    if (type !== 'object') throw notData(name, path, type === 'undefined' ? 'undefined' : 'a ' + type);
    if (value === null) return null;
    if (apply(setHas, seen, [value])) throw notData(name, path, 'a cycle');
    const proto = getPrototypeOf(value);
    if (proto === DateClass.prototype) return apply(getTime, value, []);
    apply(setAdd, seen, [value]);
    try {
      // Copies have no prototype: a polluted toJSON or index setter cannot change what is stored.
      if (isArray(value) && proto === ArrayPrototype) {
        const copy = setPrototypeOf([], null);
        for (let i = 0; i < value.length; i++) copy[i] = toData(name, value[i], path + '[' + i + ']', seen);
        return copy;
      }
      if (proto === ObjectPrototype || proto === null) {
        const copy = create(null);
        const names = keys(value);
        for (let i = 0; i < names.length; i++) {
          const key = names[i];
          defineProperty(copy, key, {
            value: toData(name, value[key], path + '.' + key, seen),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return copy;
      }
    } finally {
      apply(setDelete, seen, [value]);
    }
    throw notData(name, path, 'a class instance');
  }

  /** JSON text of an attribute value; `undefined` for null/undefined (meaning: remove). */
  function toJson(name, value) {
    if (value === null || value === undefined) return undefined;
    return stringify(toData(name, value, '', new SetClass()));
  }

  /** The value of JSON text; `null` stays `null`. */
  function fromJson(text) {
    return text === null || text === undefined ? null : parse(text);
  }

  // The script console: console.log/info/warn/error/debug/trace reach the server's log through the
  // host, which bounds how much one run may write. Arguments are shown as Node shows them, roughly:
  // strings as they are, errors by their stack, other values as JSON when they can be.
  const StringClass = String;
  const ErrorClass = Error;
  const arrayJoin = Array.prototype.join;
  const arrayMap = Array.prototype.map;
  function show(value) {
    try {
      const type = typeof value;
      if (type === 'string') return value;
      if (type === 'function') return '[Function ' + (value.name || 'anonymous') + ']';
      if (type === 'bigint') return StringClass(value) + 'n';
      if (value === null || type !== 'object') return StringClass(value);
      if (value instanceof ErrorClass) return readString(value, 'stack', '') || StringClass(value);
      if (value instanceof DateClass) return stringify(value);
      const text = stringify(value);
      return text === undefined ? StringClass(value) : text;
    } catch (error) {
      return '[value that cannot be shown]';
    }
  }
  // A number placeholder's text; a value that cannot be one (a symbol) is NaN, as in Node.
  const NumberClass = Number;
  const toInteger = Number.parseInt;
  const toFloat = Number.parseFloat;
  function numberText(kind, value) {
    try {
      if (typeof value === 'bigint') return StringClass(value) + 'n';
      if (kind === 'd') return StringClass(NumberClass(value));
      return StringClass(kind === 'i' ? toInteger(value) : toFloat(value));
    } catch (error) {
      return 'NaN';
    }
  }
  function jsonText(value) {
    try {
      const text = stringify(value);
      return text === undefined ? 'undefined' : text;
    } catch (error) {
      return '[value that cannot be shown]';
    }
  }
  /** The text of one placeholder of a console message (`kind` the letter after %), or undefined. */
  function placeholderText(kind, value) {
    if (kind === 's' || kind === 'o' || kind === 'O') return show(value);
    if (kind === 'd' || kind === 'i' || kind === 'f') return numberText(kind, value);
    if (kind === 'j') return jsonText(value);
    if (kind === 'c') return ''; // CSS in a browser's console: nothing in a log line
    return undefined;
  }
  // The text of a console call. A first argument that is a string with placeholders takes the next
  // arguments, as Node's console does (and Dirigible 4's did, with String.format): %s %o %O (the value as
  // shown below), %d %i %f (a number), %j (JSON), %c (nothing), %% (a percent sign). Placeholders
  // left without a value stay as written; arguments left over follow, separated by spaces. Reads
  // the message by index only, so a script that replaces String.prototype cannot break it.
  function consoleText(values) {
    const message = values[0];
    if (typeof message !== 'string' || values.length < 2)
      return apply(arrayJoin, apply(arrayMap, values, [show]), [' ']);
    let text = '';
    let next = 1;
    for (let i = 0; i < message.length; i++) {
      const char = message[i];
      if (char === '%' && i + 1 < message.length) {
        const kind = message[i + 1];
        const replaced = kind === '%' ? '%' : next < values.length ? placeholderText(kind, values[next]) : undefined;
        if (replaced !== undefined) {
          if (kind !== '%') next++;
          text += replaced;
          i++;
          continue;
        }
      }
      text += char;
    }
    for (; next < values.length; next++) text += ' ' + show(values[next]);
    return text;
  }
  // Once the host reports the run's console full, calls only count as dropped (no formatting, no
  // text crossing), until the host says a new run's console has room again.
  let consoleFull = false;
  /**
   * Writes one console line at `level`: `textOf()` makes its text, called only while the run's
   * console has room. `logger`, when given, names the logger of the line (log/logging), a field of
   * the log line; it crosses with the line in the same host call.
   */
  function writeConsoleLine(level, textOf, logger) {
    if (consoleFull) {
      consoleFull = call('console', 'drop');
      if (consoleFull) return;
    }
    const text = textOf();
    consoleFull =
      logger === undefined ? call('console', 'write', level, text) : call('console', 'write', level, text, logger);
  }
  function consoleMethod(level, prefix) {
    return (...values) =>
      writeConsoleLine(level, () => {
        const text = consoleText(values);
        if (prefix === undefined) return text;
        const stack = readString(new ErrorClass(), 'stack', '');
        return prefix + text + stack.slice(stack.indexOf('\n'));
      });
  }
  const consoleObject = freeze({
    log: consoleMethod('info'),
    info: consoleMethod('info'),
    warn: consoleMethod('warn'),
    error: consoleMethod('error'),
    debug: consoleMethod('debug'),
    trace: consoleMethod('trace', 'Trace: '),
  });
  defineProperty(global, 'console', { value: consoleObject, writable: true, configurable: true, enumerable: false });

  // State an API module keeps for one run (log/logging's logger levels): one object per key, all
  // made anew for each run (dropped by `resetPending`, made on first use), so promise work a run
  // left behind (a `then` it did not return, still part of the run) has the run's state, and the
  // next run none of it. API modules an ES module imports live as long as their context, so they
  // cannot keep it themselves.
  let runStates;
  function runState(key) {
    if (runStates === undefined) runStates = create(null);
    if (!hasOwn(runStates, key)) runStates[key] = create(null);
    return runStates[key];
  }

  const kernel = freeze({
    call,
    toJson,
    fromJson,
    stringify,
    parse,
    console: consoleObject,
    writeConsoleLine,
    runState,
  });

  // Module registry: id -> { wrapper, api }. Wrappers are defined once per context by the host,
  // through run.define, so a script cannot plant a wrapper under an API module's id.
  const definitions = create(null);
  function define(id, wrapper, api) {
    if (hasOwn(definitions, id)) return;
    if (typeof wrapper !== 'function') throw new TypeError('module ' + id + ' did not compile to a function');
    definitions[id] = { wrapper, api: api === true };
  }

  let cache = create(null);

  function instantiate(id) {
    if (hasOwn(cache, id)) return cache[id].exports;
    return evaluate(id).exports;
  }

  // A module's exports object. In a context that serves one request it starts as a dictionary
  // (the same object to a script: an ordinary prototype, properties in the order added): V8 builds
  // a hidden class per property added to a fast object, for each new context anew, and the API
  // modules add dozens (http/v4/response about 70), which cost a fresh context more than the rest
  // of its run. A warm context has those hidden classes already and keeps the fast object.
  function newExports() {
    return singleUse === true ? setPrototypeOf(create(null), ObjectPrototype) : {};
  }

  /** Runs a module's body into the cache; returns the module and what its body returned. */
  function evaluate(id) {
    const definition = definitions[id];
    const module = { id, exports: newExports() };
    cache[id] = module;
    const requireFrom = makeRequire(id);
    const returned = definition.api
      ? apply(definition.wrapper, undefined, [module.exports, requireFrom, module, kernel])
      : apply(definition.wrapper, module.exports, [
          module.exports,
          requireFrom,
          module,
          id,
          id.slice(0, id.lastIndexOf('/') + 1),
        ]);
    return { exports: module.exports, returned };
  }

  // Module ids the host resolved, by requiring module and specifier. A module is defined once per
  // context, so a warm script's later requests need not ask the host again.
  const resolved = create(null);

  /** The id of the module `specifier` names from `fromId`, defined by the host; throws what it threw. */
  function resolveId(fromId, specifier) {
    const key = fromId + '\0' + specifier;
    if (hasOwn(resolved, key)) return resolved[key];
    const id = load(fromId, specifier);
    if (id !== null && typeof id === 'object') throw rebuild(id);
    resolved[key] = id;
    return id;
  }

  function makeRequire(fromId) {
    return function require(specifier) {
      if (typeof specifier !== 'string')
        throw coded(new TypeError('require: the module name must be a string'), 'ERR_INVALID_ARG');
      return instantiate(resolveId(fromId, specifier));
    };
  }

  // Dirigible 10 defines require() as a global of every script (its engine's require polyfill), so
  // an ES module may call it too (the DAOs its templates generate do, for a calculated property such
  // as `require("security/user").getName()`). Like Dirigible's, it resolves names from the root; a
  // CommonJS module's own require() (its wrapper's parameter) resolves relative names from its file.
  // Dirigible also names it dirigibleRequire (its own scripts call that): the same function.
  const globalRequire = makeRequire('');
  defineProperty(global, 'require', { value: globalRequire, writable: true, configurable: true, enumerable: false });
  defineProperty(global, 'dirigibleRequire', {
    value: globalRequire,
    writable: true,
    configurable: true,
    enumerable: false,
  });

  /** A string property of a thrown value, or `fallback` when it is not a string or reading it throws. */
  function readString(error, key, fallback) {
    try {
      const value = error[key];
      return typeof value === 'string' ? value : fallback;
    } catch (inner) {
      return fallback;
    }
  }

  /** JSON { name, message, stack, code } of any thrown value; each field read on its own. */
  function describe(error) {
    let text;
    try {
      text = String(error);
    } catch (inner) {
      text = 'script threw a value that cannot be described';
    }
    if (error === null || (typeof error !== 'object' && typeof error !== 'function')) {
      return stringify({ name: 'Error', message: text, stack: '', code: '' });
    }
    return stringify({
      name: readString(error, 'name', '') || 'Error',
      message: readString(error, 'message', text),
      stack: readString(error, 'stack', ''),
      code: readString(error, 'code', ''),
    });
  }

  let currentRun = 0;

  /** Waits for the promise (or thenable) a script returned, then tells the host how it ended. */
  async function settleWhenDone(returned, runId) {
    let description;
    try {
      await returned;
    } catch (error) {
      description = describe(error);
    }
    if (runId === currentRun) cache = create(null);
    settle(runId, runId === currentRun ? endOutcome(description) : description);
  }

  /**
   * Runs the main module for one request with a fresh module cache; a print may be kept in up to
   * `room` bytes (see `pendingText`). Returns undefined when it ended, ':' and the text it printed
   * last that the host has not seen yet when it ended with some, an error description (JSON text)
   * when it threw, or 'pending' when its body returned a promise: the host then waits for
   * settle(runId, outcome), the outcome being one of the others.
   */
  function run(mainId, runId, room) {
    currentRun = runId;
    lastCoded = undefined;
    cache = create(null);
    resetPending(typeof room === 'number' ? room : 0);
    try {
      const returned = evaluate(mainId).returned;
      if (
        returned !== null &&
        (typeof returned === 'object' || typeof returned === 'function') &&
        typeof returned.then === 'function'
      ) {
        settleWhenDone(returned, runId);
        return 'pending';
      }
    } catch (error) {
      cache = create(null);
      return describe(error);
    }
    cache = create(null);
    return endOutcome(undefined);
  }

  /**
   * Runs the main module for run `runId`, then, as long as the host hands over another run of it
   * (`following`, told each run's outcome), that one: the runs of a burst of requests in one call
   * from the host, which costs isolated-vm one time-limit timer instead of one per run. Returns
   * the last run's outcome, as `run` does.
   */
  function runSeries(mainId, runId, room) {
    for (;;) {
      const outcome = run(mainId, runId, room);
      if (outcome === 'pending') return outcome;
      const next = following(outcome);
      if (next === undefined) return outcome;
      if (typeof next === 'number') {
        runId = next;
      } else {
        runId = next[0];
        room = next[1];
      }
    }
  }

  /**
   * A run's outcome: the error description, else the print text still pending (':' first), if any.
   * From then on a print goes to the host at once: promise work the run left behind (a `then`
   * callback it did not return) runs before the host ends the run, after the host wrote that text.
   */
  function endOutcome(description) {
    const text = takePendingText();
    printRoom = 0;
    if (description !== undefined || text === undefined) return description;
    return ':' + text;
  }
  // ES module scripts import the API modules through this (sandbox/esm-loader.ts). API modules keep
  // no state, so one instance per context serves every request; frozen, so no request changes it
  // for the next.
  const apiInstances = create(null);
  // A CommonJS file under the root that an ES module imports gets its exports from the request's
  // module cache, like require(); `resetModules` starts that cache for each ES module run.
  function apiExports(id) {
    const resolvedId = resolveId('', id);
    if (!definitions[resolvedId].api) return instantiate(resolvedId);
    const requestCache = cache;
    cache = apiInstances;
    try {
      return freeze(instantiate(resolvedId));
    } finally {
      cache = requestCache;
    }
  }

  function resetModules() {
    cache = create(null);
    resetPending(0);
  }

  function takeLastCodedError() {
    const error = lastCoded;
    lastCoded = undefined;
    return error === undefined ? undefined : describe(error);
  }

  return freeze({ runSeries, define, apiExports, resetModules, takeLastCodedError });
});
