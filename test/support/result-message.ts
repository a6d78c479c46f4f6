/** A worker's result for specs of the main process's checks: an empty 200 with no session operations, unless overridden. */
import type { ResultMessage } from '../../common/protocol.js';

export function resultMessage(overrides: Partial<ResultMessage> = {}): ResultMessage {
  return {
    type: 'result',
    id: 1,
    response: { status: 200, headers: [], body: new Uint8Array(0) },
    sessionOps: [],
    ...overrides,
  };
}
