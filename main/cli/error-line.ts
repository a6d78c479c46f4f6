/**
 * An error as the command prints it: one line, its code first when it has one
 * (`ERR_SHUTDOWN_TIMEOUT: shutdown did not finish within 500 ms …`), never a stack.
 */
import { CodedError } from '../../common/errors.js';

/**
 * The one-line form of `error`.
 * @example errorLine(new ShutdownTimeoutError(500)) // 'ERR_SHUTDOWN_TIMEOUT: shutdown did not finish …'
 */
export function errorLine(error: unknown): string {
  const message = oneLine(error);
  return error instanceof CodedError ? `${error.code}: ${message}` : message;
}

/**
 * The message of `error` on one line: a line break (a parser's quote of a file) becomes a space.
 * @example oneLine(new Error('"not json\n" is not valid JSON')) // '"not json " is not valid JSON'
 */
export function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
}
