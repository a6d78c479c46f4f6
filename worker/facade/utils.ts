/**
 * Host half of the utils modules (utils/*, sdk/utils): what a sandbox has no means of its own
 * for. `randomUuid` is a version 4 UUID from node:crypto's secure random source, as Java's
 * `UUID.randomUUID()` is; `digest` hashes bytes handed over as a binary string (one character per
 * byte) with node:crypto and answers the digest in lower-case hex (Dirigible's DigestFacade,
 * commons-codec's DigestUtils); `invalid` throws the `ERR_INVALID_ARG` a guest
 * module reports a bad argument with (it is only called then, so a good call costs no crossing).
 */
import { createHash, randomUUID } from 'node:crypto';
import { InvalidArgumentError } from '../../common/errors.js';
import type { Facade } from './context.js';

/** The digests Dirigible's DigestFacade computes, by the name the guest passes. */
const DIGESTS: ReadonlySet<string> = new Set(['md5', 'sha1', 'sha256', 'sha384', 'sha512']);

/** The utils facade, by function name. */
export const utilsFacade: Facade = {
  randomUuid: () => randomUUID(),
  digest: (_context, [algorithm, binary]) => {
    if (typeof algorithm !== 'string' || !DIGESTS.has(algorithm) || typeof binary !== 'string')
      throw new InvalidArgumentError('Digest', 'an unknown digest or no bytes');
    return createHash(algorithm).update(Buffer.from(binary, 'latin1')).digest('hex');
  },
  invalid: (_context, [method, message]) => {
    throw new InvalidArgumentError(String(method), String(message));
  },
};
