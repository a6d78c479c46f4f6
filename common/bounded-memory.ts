/**
 * Memories keyed by what clients name (a script's path as requested, a URL path): a symlink loop
 * under the root or a client making up names gives endless keys, so each such memory holds a
 * bounded number of entries and starts over when full. One rule for all of them: the main process's
 * script locator, routes, script use and run history; a worker's compiled wrappers and run times.
 */

/**
 * Sets `key` to `value` in `memory`; a key not yet in a memory that holds `limit` entries first
 * empties it, so it never holds more than `limit`.
 * @example rememberWithin(found, script, entry, 10_000)
 */
export function rememberWithin<K, V>(memory: Map<K, V>, key: K, value: V, limit: number): void {
  if (memory.size >= limit && !memory.has(key)) memory.clear();
  memory.set(key, value);
}
