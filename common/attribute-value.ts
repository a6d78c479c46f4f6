/**
 * The rules for attribute names and values: names are non-empty strings; values are JSON data
 * (strings, finite numbers, booleans, null, arrays, plain objects, and `Date` stored as its time).
 */
import { InvalidAttributeError } from './errors.js';

/** A UTF-16 surrogate not paired with its other half: it has no UTF-8 form. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Throws a `TypeError`-named coded error unless `name` is a non-empty string of whole characters:
 * a name with a lone surrogate (`'a\ud800'`) could not round-trip, since Redis keeps field names
 * as UTF-8 (it came back as `'a\ufffd'`), so no store takes one.
 */
export function checkAttributeName(method: string, name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new InvalidAttributeError(`${method}: attribute name must be a non-empty string`);
  }
  if (LONE_SURROGATE.test(name)) {
    throw new InvalidAttributeError(`${method}: attribute name has a lone surrogate (no UTF-8 form)`);
  }
}

/** What a JSON string may not hold as it is: its closing quote, an escape, a control character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters JSON requires escaped are what it looks for
const NOT_PLAIN_IN_STRING = /["\\\u0000-\u001f]/;

/** True when `text` is a string of valid JSON (an attribute value as it crosses a boundary). */
export function isJsonText(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  if (isPlainJsonString(text)) return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * True for a JSON string without escapes, `"…"`, which most string values are: one scan, no copy,
 * where `JSON.parse` makes the string (a 250 KiB value took 1.6 ms to parse, 0.5 ms to scan). Any
 * other text, escapes and surrounding whitespace included, is left to `JSON.parse`.
 */
function isPlainJsonString(text: string): boolean {
  const last = text.length - 1;
  return (
    last >= 1 &&
    text.charCodeAt(0) === 0x22 &&
    text.charCodeAt(last) === 0x22 &&
    !NOT_PLAIN_IN_STRING.test(text.slice(1, last))
  );
}

/**
 * Throws a `TypeError`-named coded error naming the attribute unless `json` is JSON text: the
 * check of a value that crossed a boundary (the worker's facade, then the main process again).
 */
export function checkAttributeJson(name: string, json: unknown): asserts json is string {
  if (!isJsonText(json)) throw new InvalidAttributeError(`setAttribute: value of attribute "${name}" is not data`);
}

/**
 * Serializes `value` to JSON text, or throws naming the attribute when it is not data
 * (function, symbol, BigInt, undefined inside a structure, non-finite number, cycle, class instance).
 */
export function attributeToJson(name: string, value: unknown): string {
  return JSON.stringify(toData(name, value, '', new Set()));
}

function toData(name: string, value: unknown, path: string, seen: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      throw notData(name, path, `the number ${value}`);
    case 'object':
      if (value === null) return null;
      if (value instanceof Date) return value.getTime();
      return structureToData(name, value, path, seen);
    default:
      throw notData(name, path, typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`);
  }
}

function structureToData(name: string, value: object, path: string, seen: Set<object>): unknown {
  if (seen.has(value)) throw notData(name, path, 'a cycle');
  const proto: unknown = Object.getPrototypeOf(value);
  seen.add(value);
  try {
    if (Array.isArray(value) && proto === Array.prototype) {
      return value.map((item, index) => toData(name, item, `${path}[${index}]`, seen));
    }
    if (proto === Object.prototype || proto === null) {
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        Object.defineProperty(copy, key, {
          value: toData(name, (value as Record<string, unknown>)[key], `${path}.${key}`, seen),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return copy;
    }
  } finally {
    seen.delete(value);
  }
  throw notData(name, path, 'a class instance');
}

function notData(name: string, path: string, what: string): InvalidAttributeError {
  const where = path === '' ? '' : ` at ${path}`;
  return new InvalidAttributeError(`setAttribute: value of attribute "${name}" is not data${where}: ${what}`);
}
