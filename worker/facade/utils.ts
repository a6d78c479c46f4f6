/**
 * Host half of the utils modules (utils/*, sdk/utils): what a sandbox has no means of its own
 * for. `randomUuid` is a version 4 UUID from node:crypto's secure random source, as Java's
 * `UUID.randomUUID()` is; `invalid` throws the `ERR_INVALID_ARG` a guest
 * module reports a bad argument with (it is only called then, so a good call costs no crossing).
 */
import { randomUUID } from 'node:crypto';
import { InvalidArgumentError } from '../../common/errors.js';
import type { Facade } from './context.js';

/** The utils facade, by function name. */
export const utilsFacade: Facade = {
  randomUuid: () => randomUUID(),
  invalid: (_context, [method, message]) => {
    throw new InvalidArgumentError(String(method), String(message));
  },
};
