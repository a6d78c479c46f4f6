/**
 * The per-request limits the facade enforces in the sandbox worker (and the main process checks
 * again): response size, header count and header bytes, session operations, error text, and the attribute
 * limits of the session and of request attributes.
 */
import { type ConsoleLimits, DEFAULT_CONSOLE_LIMITS } from './console-lines.js';
import type { SessionLimits } from './session-limits.js';

export interface RequestLimits extends SessionLimits, Partial<ConsoleLimits> {
  /** Largest response (body plus header names and values), bytes. */
  maxResponseSize: number;
  /** Most headers one response may carry (the session cookie aside). */
  maxHeaders: number;
  /** Most bytes of one response's headers, names plus values (the session cookie aside). */
  maxHeaderBytes: number;
  /** Most session operations one run may record. */
  maxSessionOps: number;
  /** Longest message, and longest stack, of a failed run's error, characters; longer ones are cut. */
  maxErrorSize: number;
}

/** The documented defaults (docs/security.md). */
export const DEFAULT_LIMITS: Readonly<RequestLimits> = Object.freeze({
  maxResponseSize: 10 * 1024 * 1024,
  maxAttributeSize: 256 * 1024,
  maxAttributes: 1000,
  maxSessionSize: 1024 * 1024,
  maxHeaders: 1000,
  maxHeaderBytes: 64 * 1024,
  maxSessionOps: 10_000,
  maxErrorSize: 8192,
  ...DEFAULT_CONSOLE_LIMITS,
});

/** Bytes a header counts for against the response limit. */
export function headerSize(name: string, value: string): number {
  return Buffer.byteLength(name) + Buffer.byteLength(value) + 4;
}

/** `text` cut to `max` characters, with a note saying so. */
export function cutErrorText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (cut at ${max} characters)`;
}

/**
 * The largest result frame a worker can have a reason to send under `limits`, bytes: the body,
 * and every text part (headers, session writes, console, error text) at six bytes per character
 * (the worst JSON escaping), plus room for the operations' own fields. The main process refuses a
 * larger frame without buffering it (a worker that sends one runs code no script can run) and
 * kills the worker: with the defaults about 56 MiB, where an unbounded reader would take 8 GiB.
 */
export function maxResultFrameBytes(limits: RequestLimits): number {
  const text =
    limits.maxHeaderBytes +
    4 * limits.maxSessionSize +
    (limits.maxConsoleBytes ?? DEFAULT_LIMITS.maxConsoleBytes ?? 0) +
    4 * limits.maxErrorSize * 3;
  return limits.maxResponseSize + 6 * text + limits.maxSessionOps * 512 + 16 * 1024 * 1024;
}
