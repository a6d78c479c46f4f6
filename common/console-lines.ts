/**
 * What a script wrote to its console during one run, as it crosses back to the main process with
 * the run's result and reaches the log.
 */

/** Log levels a console method writes at (`console.log` and `console.info` write `info`). */
export const CONSOLE_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type ConsoleLevel = (typeof CONSOLE_LEVELS)[number];

/** One console call. */
export interface ConsoleLine {
  level: ConsoleLevel;
  text: string;
  /** The logger that wrote it (log/logging: `app.` and the name the script gave), for its `logger` field. */
  logger?: string;
}

/** Per-run bounds of the script console. */
export interface ConsoleLimits {
  /** Most bytes (UTF-8) of console text per run; counted in `maxResponseSize` too. */
  maxConsoleBytes: number;
  /** Most console lines per run. */
  maxConsoleLines: number;
}

export const DEFAULT_CONSOLE_LIMITS: Readonly<ConsoleLimits> = Object.freeze({
  maxConsoleBytes: 64 * 1024,
  maxConsoleLines: 100,
});

/** The line that replaces what a run wrote past its console limits. */
export function truncationNotice(dropped: number): ConsoleLine {
  return { level: 'warn', text: `console: ${dropped} more line(s) dropped (maxConsoleLines / maxConsoleBytes)` };
}

/**
 * The main process's re-check of what a worker sent (a worker runs hostile code): well-formed
 * lines only, no more than the limits allow.
 */
export function checkedConsoleLines(lines: unknown, given: Partial<ConsoleLimits>): ConsoleLine[] {
  if (!Array.isArray(lines)) return [];
  const maxConsoleLines = given.maxConsoleLines ?? DEFAULT_CONSOLE_LIMITS.maxConsoleLines;
  const maxConsoleBytes = given.maxConsoleBytes ?? DEFAULT_CONSOLE_LIMITS.maxConsoleBytes;
  const checked: ConsoleLine[] = [];
  let bytes = 0;
  for (const line of lines as unknown[]) {
    const { level, text, logger } = (line ?? {}) as Partial<ConsoleLine>;
    if (typeof text !== 'string' || !CONSOLE_LEVELS.includes(level as ConsoleLevel)) continue;
    const named = typeof logger === 'string';
    bytes += Buffer.byteLength(text) + (named ? Buffer.byteLength(logger) : 0);
    if (checked.length >= maxConsoleLines + 1 || bytes > maxConsoleBytes + 200) break;
    checked.push(named ? { level: level as ConsoleLevel, text, logger } : { level: level as ConsoleLevel, text });
  }
  return checked;
}
