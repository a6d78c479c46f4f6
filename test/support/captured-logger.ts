/**
 * A real pino logger whose JSON lines a spec can read: what an embedder passes as `logger`.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../../main/ops/logger.js';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface CapturedLogger {
  logger: Logger;
  /** Every line logged so far, parsed. */
  lines: LogLine[];
  /** The lines whose fields include `fields`. */
  matching(fields: Record<string, unknown>): LogLine[];
}

/** pino's numeric levels. */
export const LEVEL = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

export function capturedLogger(level = 'trace'): CapturedLogger {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n')) if (text !== '') lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  const logger = pino({ level }, stream) as unknown as Logger;
  return {
    logger,
    lines,
    matching: (fields) => lines.filter((line) => Object.entries(fields).every(([key, value]) => line[key] === value)),
  };
}
