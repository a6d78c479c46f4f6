/**
 * Session ids: 192 bits from `crypto.randomBytes`, encoded base64url (32 URL-safe characters).
 */
import { randomBytes } from 'node:crypto';

const ID_BYTES = 24;
const ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** Returns a new unguessable, URL-safe session id. */
export function generateSessionId(): string {
  return randomBytes(ID_BYTES).toString('base64url');
}

/** True when `id` has the shape of an id this container issues (says nothing of whether it exists). */
export function isWellFormedSessionId(id: unknown): id is string {
  return typeof id === 'string' && ID_PATTERN.test(id);
}
