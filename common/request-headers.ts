/**
 * The request's headers as they crossed to the worker: the raw list the client sent (`name, value,
 * name, value …`, names as spelled), from which the worker derives what scripts ask for, once per
 * request and only when asked: values by lower-cased name, and the names in the order sent.
 */

/** Header values by lower-cased name, each name's values in the order sent. */
export type HeaderValues = ReadonlyMap<string, readonly string[]>;

const valuesCache = new WeakMap<readonly string[], Map<string, string[]>>();
const namesCache = new WeakMap<readonly string[], string[]>();

/** Values by lower-cased name (repeated headers keep every value). */
export function headerValues(rawHeaders: readonly string[]): HeaderValues {
  let values = valuesCache.get(rawHeaders);
  if (values !== undefined) return values;
  values = new Map();
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] as string).toLowerCase();
    const value = rawHeaders[index + 1] as string;
    const list = values.get(name);
    if (list === undefined) values.set(name, [value]);
    else list.push(value);
  }
  valuesCache.set(rawHeaders, values);
  return values;
}

/** Header names in the spelling and order the client sent them, each once (Dirigible's `getHeaderNames()`). */
export function headerNamesAsSent(rawHeaders: readonly string[]): readonly string[] {
  let names = namesCache.get(rawHeaders);
  if (names !== undefined) return names;
  const seen = new Set<string>();
  names = [];
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  namesCache.set(rawHeaders, names);
  return names;
}
