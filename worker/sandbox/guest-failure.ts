/**
 * The description of a script's error that isolated-vm threw out of an isolate call: an ES
 * module's uncaught error, or a promise a script did not await that rejected (an unhandled
 * rejection, which isolated-vm reports as the call's error). isolated-vm carries only the name,
 * message and stack of such an error; the kernel remembers the last coded error it made so that an
 * API error keeps its code (kernel.js `takeLastCodedError`).
 */
import { CodedError, type ErrorDescriptor } from '../../common/errors.js';
import type { ApiContext } from './esm-api.js';

const TIMEOUT_MESSAGE = 'Script execution timed out.';

/** True when `error`, thrown by a call into the isolate of `target`, is a limit, not the script's error. */
export function isLimit(target: ApiContext, error: unknown): boolean {
  return target.isolate.isDisposed || (error instanceof Error && error.message === TIMEOUT_MESSAGE);
}

/** The kernel's description of the last coded error it made, forgetting it. */
export function takeLastCodedError(target: ApiContext): ErrorDescriptor | undefined {
  const text: unknown = target.kernelFunction('takeLastCodedError').applySync(undefined, []);
  return typeof text === 'string' ? (JSON.parse(text) as ErrorDescriptor) : undefined;
}

/**
 * Describes a script's error thrown out of the isolate. When its name and message match the last
 * coded error the kernel made, that error's name and code are restored. `withStack`: false for an
 * error thrown compiling or linking (no script code ran: the frames above the boundary are the
 * worker's own).
 */
export function describeGuestFailure(
  error: unknown,
  lastCoded: ErrorDescriptor | undefined,
  withStack: boolean,
): ErrorDescriptor {
  if (error instanceof CodedError) return { name: error.name, message: error.message, stack: '', code: error.code };
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  if (lastCoded !== undefined && lastCoded.message === message && (lastCoded.name === name || name === 'Error'))
    return lastCoded;
  const stack = error instanceof Error && withStack ? guestStack(error.stack) : '';
  return { name, message, stack, code: '' };
}

/** The part of a stack trace inside the isolate; none when there is no boundary. */
function guestStack(stack: string | undefined): string {
  const lines = (stack ?? '').split('\n');
  const boundary = lines.findIndex((line) => line.includes('<isolated-vm boundary>'));
  return boundary < 0 ? '' : lines.slice(0, boundary).join('\n');
}
