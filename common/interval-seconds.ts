/**
 * The rule for a session's max inactive interval, shared by the script facade, the host
 * `HttpSession` and the manager's option: whole seconds in the range of Java's `int`, as
 * `HttpSession.setMaxInactiveInterval(int)` takes them.
 *
 * Servlet `HttpSession.setMaxInactiveInterval`: "Specifies the time, in seconds, between client
 * requests before the servlet container will invalidate this session. An interval value of zero
 * or less indicates that the session should never timeout."
 */
import { InvalidAttributeError } from './errors.js';

/** The longest interval, `Integer.MAX_VALUE` seconds (about 68 years); longer ones are clamped to it. */
export const MAX_INTERVAL_SECONDS = 2_147_483_647;

/** The most negative interval, `Integer.MIN_VALUE` (any interval `<= 0` never expires). */
const MIN_INTERVAL_SECONDS = -2_147_483_648;

/**
 * The interval `value` names, truncated to whole seconds and clamped to Java's `int` range (as
 * Java's `(int)` cast of a `double` does). A number, or a string of one (a request parameter);
 * anything else (`null`, `undefined`, a boolean, `NaN`, `Infinity`, an object) throws a `TypeError`
 * coded `ERR_INVALID_ATTRIBUTE` naming `method`, rather than silently meaning 0 (never expires).
 * @example intervalSeconds('setMaxInactiveInterval', 90.9) // 90
 */
export function intervalSeconds(method: string, value: unknown): number {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(number)) throw new InvalidAttributeError(`${method}: interval must be a number of seconds`);
  // `|| 0` turns the -0 of a truncated small negative into 0.
  return Math.min(MAX_INTERVAL_SECONDS, Math.max(MIN_INTERVAL_SECONDS, Math.trunc(number))) || 0;
}
