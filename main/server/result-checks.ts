/**
 * The main process checks a worker's result again before storing anything or answering: the
 * per-request limits (size, header count and bytes, session operations, a final status, error text
 * cut: name, code, message and stack), and that session changes are JSON data under non-empty names. The sandbox
 * already enforced all of it, but a worker is not trusted to have.
 */
import { cutErrorText, type RequestLimits } from '../../common/limits.js';
import type { SessionOp } from '../../common/snapshot.js';
import { headerSize } from '../../common/limits.js';
import { checkAttributeJson, checkAttributeName } from '../../common/attribute-value.js';
import {
  HeadersTooLargeError,
  InvalidStatusError,
  ResponseTooLargeError,
  TooManyHeadersError,
  TooManySessionOpsError,
} from '../../common/errors.js';
import { isFinalStatus } from '../../common/framing-headers.js';
import { SessionLedger } from '../../common/session-limits.js';
import type { ResultMessage } from '../../common/protocol.js';

/**
 * Throws the coded error of the first rule `result` breaks. `initial` gives the attributes the
 * session had when the request arrived (called only when the script changed the session).
 * @returns the response's size as `maxResponseSize` counts it: body plus header bytes
 */
export function checkWorkerResult(
  result: ResultMessage,
  initial: () => Iterable<readonly [string, string]>,
  limits: RequestLimits,
): number {
  const { body, headers, status } = result.response;
  if (headers.length > limits.maxHeaders) throw new TooManyHeadersError('response', limits.maxHeaders);
  if (result.sessionOps.length > limits.maxSessionOps)
    throw new TooManySessionOpsError('session', limits.maxSessionOps);
  if (result.failure === undefined && !isFinalStatus(status)) throw new InvalidStatusError('response', status);
  if (result.failure !== undefined) {
    // A script names and codes its own errors: each part is cut like the message.
    result.failure.name = cutErrorText(String(result.failure.name), limits.maxErrorSize);
    result.failure.code = cutErrorText(String(result.failure.code), limits.maxErrorSize);
    result.failure.message = cutErrorText(String(result.failure.message), limits.maxErrorSize);
    if (result.failure.stack !== undefined)
      result.failure.stack = cutErrorText(String(result.failure.stack), limits.maxErrorSize);
  }
  const headerBytes = headers.reduce((sum, [name, value]) => sum + headerSize(name, value), 0);
  if (headerBytes > limits.maxHeaderBytes) throw new HeadersTooLargeError('response', limits.maxHeaderBytes);
  if (body.length + headerBytes > limits.maxResponseSize)
    throw new ResponseTooLargeError('response', limits.maxResponseSize);
  checkSessionOps(result.sessionOps, initial, limits);
  return body.length + headerBytes;
}

function checkSessionOps(
  ops: readonly SessionOp[],
  initial: () => Iterable<readonly [string, string]>,
  limits: RequestLimits,
): void {
  const ledger = new SessionLedger(limits, initial);
  for (const op of ops) {
    if (op.op === 'set') {
      checkAttributeName('setAttribute', op.name);
      checkAttributeJson(op.name, op.json);
      ledger.set('setAttribute', op.name, op.json);
    } else if (op.op === 'remove') ledger.remove(op.name);
    else if (op.op === 'create' || op.op === 'invalidate') ledger.clear();
  }
}
