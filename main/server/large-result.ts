/**
 * A result whose session changes are large is checked and committed in a turn of the event loop of
 * its own, after the turn that read and decoded it. Each is linear work in the size of the values
 * (read: joining and parsing the frame; then: checking each value's JSON, applying it to the
 * stored session, serializing that), and on a slow machine the two together held the main process
 * for 90 ms on a result of 4 MiB of attribute values, which every other request waited out. The
 * turn is Node's `setImmediate` from `node:timers/promises`.
 */
import type { ResultMessage } from '../../common/protocol.js';

/** Characters of attribute JSON in one result from which it gets a turn of its own. */
export const OWN_TURN_FROM = 256 * 1024;

/** True when `result`'s `set` operations carry at least `OWN_TURN_FROM` characters of JSON. */
export function isLargeResult(result: ResultMessage): boolean {
  let characters = 0;
  for (const op of result.sessionOps) {
    if (op.op !== 'set') continue;
    characters += op.json.length;
    if (characters >= OWN_TURN_FROM) return true;
  }
  return false;
}
