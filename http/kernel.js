/*
 * The guest kernel: runs once in every sandbox context before any script. It captures the
 * intrinsics it relies on (so a script that replaces globals cannot break it), turns host error
 * descriptors back into errors, converts session values to JSON data, and implements require().
 *
 * The host installs two functions before this runs and the kernel removes them from the global:
 *   __dirigibleHost(facade, fn, ...args)  calls a facade function; returns a primitive or an
 *                                         error descriptor object { name, code, message }
 *   __dirigibleLoad(fromId, specifier)    resolves and defines a module; returns its id or a
 *                                         descriptor
 * The completion value is the kernel's `run(mainId)` function, which the host calls per request;
 * `run.apiExports(id)` and `run.takeLastCodedError()` serve ES module scripts (sandbox/esm-loader.ts).
 */
(function (global) {
  'use strict';
  const host = global.__dirigibleHost;
  const load = global.__dirigibleLoad;
  delete global.__dirigibleHost;
  delete global.__dirigibleLoad;

  const { stringify, parse } = JSON;
  const { getPrototypeOf, keys, defineProperty, freeze, create, hasOwn } = Object;
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

  // The last coded error made here. isolated-vm carries only name, message and stack out of an ES
  // module evaluation, so the host asks for the code of an uncaught one (sandbox/esm-loader.ts).
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
    if (Constructor === Error && name !== 'Error') defineProperty(error, 'name', { value: name, writable: true, configurable: true });
    return coded(error, String(descriptor.code));
  }

  function primitive(value) {
    const type = typeof value;
    return value === null || type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined' ? value : undefined;
  }

  /** Calls a facade function with primitive arguments; throws what the host threw. */
  function call(facade, fn, a, b, c) {
    const result = host(facade, fn, primitive(a), primitive(b), primitive(c));
    if (result !== null && typeof result === 'object') throw rebuild(result);
    return result;
  }

  function notData(name, path, what) {
    const where = path === '' ? '' : ' at ' + path;
    return coded(new TypeError('setAttribute: value of attribute "' + String(name) + '" is not data' + where + ': ' + what), 'ERR_INVALID_ATTRIBUTE');
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
      if (isArray(value) && proto === ArrayPrototype) {
        const copy = [];
        for (let i = 0; i < value.length; i++) copy[i] = toData(name, value[i], path + '[' + i + ']', seen);
        return copy;
      }
      if (proto === ObjectPrototype || proto === null) {
        const copy = {};
        const names = keys(value);
        for (let i = 0; i < names.length; i++) {
          const key = names[i];
          defineProperty(copy, key, { value: toData(name, value[key], path + '.' + key, seen), enumerable: true, writable: true, configurable: true });
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

  const kernel = freeze({ call, toJson, fromJson, stringify, parse });

  // Module registry: id -> { wrapper, api }. Wrappers are defined once per context by the host.
  const definitions = create(null);
  defineProperty(global, '__dirigibleDefine', {
    value: function define(id, wrapper, api) {
      if (hasOwn(definitions, id)) return;
      definitions[id] = { wrapper, api: api === true };
    },
  });

  let cache = create(null);

  function instantiate(id) {
    if (hasOwn(cache, id)) return cache[id].exports;
    const definition = definitions[id];
    const module = { id, exports: {} };
    cache[id] = module;
    const requireFrom = makeRequire(id);
    if (definition.api) apply(definition.wrapper, undefined, [module.exports, requireFrom, module, kernel]);
    else apply(definition.wrapper, module.exports, [module.exports, requireFrom, module, id, id.slice(0, id.lastIndexOf('/') + 1)]);
    return module.exports;
  }

  function makeRequire(fromId) {
    return function require(specifier) {
      if (typeof specifier !== 'string') throw new TypeError('require: the module name must be a string');
      const id = load(fromId, specifier);
      if (id !== null && typeof id === 'object') throw rebuild(id);
      return instantiate(id);
    };
  }

  function describe(error) {
    try {
      if (error !== null && typeof error === 'object') {
        const name = typeof error.name === 'string' ? error.name : 'Error';
        const message = typeof error.message === 'string' ? error.message : String(error);
        const stack = typeof error.stack === 'string' ? error.stack : '';
        const code = typeof error.code === 'string' ? error.code : '';
        return stringify({ name, message, stack, code });
      }
      return stringify({ name: 'Error', message: String(error), stack: '', code: '' });
    } catch (inner) {
      return stringify({ name: 'Error', message: 'script threw a value that cannot be described', stack: '', code: '' });
    }
  }

  /** Runs the main module for one request with a fresh module cache; returns an error description or undefined. */
  function run(mainId) {
    cache = create(null);
    try {
      instantiate(mainId);
      return undefined;
    } catch (error) {
      return describe(error);
    } finally {
      cache = create(null);
    }
  }

  // ES module scripts import the API modules through this (sandbox/esm-loader.ts). API modules keep
  // no state, so one instance per context serves every request; frozen, so no request changes it
  // for the next.
  const apiInstances = create(null);
  defineProperty(run, 'apiExports', {
    value: function apiExports(id) {
      const resolved = load('', id);
      if (resolved !== null && typeof resolved === 'object') throw rebuild(resolved);
      const requestCache = cache;
      cache = apiInstances;
      try {
        return freeze(instantiate(resolved));
      } finally {
        cache = requestCache;
      }
    },
  });

  defineProperty(run, 'takeLastCodedError', {
    value: function takeLastCodedError() {
      const error = lastCoded;
      lastCoded = undefined;
      return error === undefined ? undefined : describe(error);
    },
  });

  return run;
})(globalThis);
