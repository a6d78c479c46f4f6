/**
 * Password hashes for the CLI's HTTP Basic users: scrypt from `node:crypto`, never plain text.
 * Format: `scrypt$N$r$p$<salt base64url>$<key base64url>`, so the cost can grow without breaking
 * stored hashes.
 */
import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';
import { scryptSlots } from './scrypt-slots.js';

const KEY_LENGTH = 32;
/** Cost parameters of new hashes (about 16 MiB and some 50 ms on one core). */
const COST = { N: 16384, r: 8, p: 1 } as const;
const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** One scrypt derivation, in a slot of `scryptSlots`: never more at once than half the thread pool. */
function derive(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return scryptSlots.run(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password, salt, length, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
          error === null ? resolve(key) : reject(error),
        ),
      ),
  );
}

/**
 * A new hash of `password` with a random salt.
 * @example await hashPassword('s3cret') // 'scrypt$16384$8$1$…$…'
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEY_LENGTH, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** True when `hash` has the format `hashPassword` writes. */
export function isPasswordHash(hash: unknown): hash is string {
  return typeof hash === 'string' && HASH_PATTERN.test(hash);
}

/**
 * A hash of the cost `hashPassword` gives that no password matches (a random key, no password's):
 * verifying against it costs what verifying a user's password costs, so a name that is no user's
 * is not answered faster than a wrong password for one that is.
 */
export const UNMATCHABLE_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$${randomBytes(16).toString('base64url')}$${randomBytes(KEY_LENGTH).toString('base64url')}`;

/** True when `password` matches `hash` (compared in constant time); false for a malformed hash. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const match = HASH_PATTERN.exec(hash);
  if (match === null) return false;
  const [, N, r, p, salt, key] = match as unknown as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}
