/**
 * The per-request limits the facade enforces in the sandbox worker (and the main process checks
 * again): response size, and the attribute limits of the session and of request attributes.
 */
import { type ConsoleLimits, DEFAULT_CONSOLE_LIMITS } from './console-lines.js';
import type { SessionLimits } from './session-limits.js';

export interface RequestLimits extends SessionLimits, Partial<ConsoleLimits> {
  /** Largest response (body plus header names and values), bytes. */
  maxResponseSize: number;
}

/** The documented defaults (docs/security.md). */
export const DEFAULT_LIMITS: Readonly<RequestLimits> = Object.freeze({
  maxResponseSize: 10 * 1024 * 1024,
  maxAttributeSize: 256 * 1024,
  maxAttributes: 1000,
  maxSessionSize: 1024 * 1024,
  ...DEFAULT_CONSOLE_LIMITS,
});
