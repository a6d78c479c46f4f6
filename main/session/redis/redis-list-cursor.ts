/**
 * The cursor of the Redis store's session pages (redis-listing.ts): where the next page starts, as
 * text an operator passes back (`--cursor`). It never holds a session id (ids are bearer secrets):
 * a page that ends inside a `SCAN` step names the last session it took by a digest of its key.
 *
 * | cursor | the next page starts |
 * |---|---|
 * | `''` | at the beginning (and a page that returns it was the last) |
 * | `<server>:<scan>` | with the `SCAN` step at cursor `<scan>` of server `<server>` (its index among the masters of a cluster, else 0) |
 * | `<server>:<scan>:<count>:<next>:<after>` | inside that step, taken with `COUNT <count>`, which answered `<next>`: with its keys whose digest sorts after `<after>` |
 */
import { createHash } from 'node:crypto';
import { InvalidOptionError } from '../../../common/errors.js';

/** A page's resume point inside a `SCAN` step. */
export interface StepResume {
  /** The `COUNT` the step was taken with (the same count covers the same part of the keyspace). */
  count: number;
  /** The cursor the step answered: when it answers the same again, it covered the same keys. */
  next: string;
  /** Digest of the last key taken from the step; the next page takes the keys whose digest sorts after it. */
  after: string;
}

/** Where a page starts. */
export interface ListPosition {
  /** Index of the server (a cluster's master) being walked. */
  server: number;
  /** The `SCAN` cursor of the step to take, `'0'` at a server's start. */
  scan: string;
  /** Set when the previous page ended inside this step. */
  resume?: StepResume;
}

const DIGITS = /^\d+$/;
const DIGEST = /^[0-9a-f]{32}$/;

/** The order a step's keys are taken in, and what a cursor names a key by: 32 hex digits of its SHA-256. */
export function keyDigest(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/**
 * The position `cursor` names.
 * @throws `ERR_INVALID_OPTION` naming `cursor` when it is not one this store returns
 */
export function parseListCursor(cursor: string): ListPosition {
  if (cursor === '') return { server: 0, scan: '0' };
  const parts = cursor.split(':');
  const [server, scan, count, next, after] = parts;
  const numbers = [server, scan, ...(parts.length === 5 ? [count, next] : [])];
  if (
    (parts.length !== 2 && parts.length !== 5) ||
    !numbers.every((part) => DIGITS.test(part ?? '')) ||
    (parts.length === 5 && (Number(count) < 1 || !DIGEST.test(after ?? '')))
  )
    throw new InvalidOptionError('cursor', `is not a cursor of the Redis store's session list (got ${cursor})`);
  const position: ListPosition = { server: Number(server), scan: scan as string };
  if (parts.length === 5) position.resume = { count: Number(count), next: next as string, after: after as string };
  return position;
}

/** The cursor text of `position`; `''` once `server` is past the last of `servers`. */
export function formatListCursor(position: ListPosition, servers: number): string {
  if (position.server >= servers) return '';
  const { server, scan, resume } = position;
  return resume === undefined
    ? `${server}:${scan}`
    : `${server}:${scan}:${resume.count}:${resume.next}:${resume.after}`;
}
