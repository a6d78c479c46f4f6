/**
 * The console output of one run, kept in the worker until the run ends. Bounded per run in lines
 * and bytes (`maxConsoleLines`, `maxConsoleBytes`), and its bytes count against the response limit
 * as well, so a script cannot flood the log or grow the result past `maxResponseSize`. Past a bound
 * a line is dropped, never thrown (logging must not break a script), and so is every later line of
 * the run; one notice says how many went. A line is kept as the owner's `frames` makes it (stack
 * frames of TypeScript modules pointed at their source) and counted so.
 */
import {
  type ConsoleLevel,
  type ConsoleLimits,
  type ConsoleLine,
  DEFAULT_CONSOLE_LIMITS,
  truncationNotice,
} from '../../common/console-lines.js';
import type { ResponseBuffer } from './response-buffer.js';

export class ConsoleBuffer {
  readonly #lines: ConsoleLine[] = [];
  readonly #limits: ConsoleLimits;
  readonly #response: ResponseBuffer;
  readonly #frames: (text: string) => string;
  #bytes = 0;
  #dropped = 0;

  /** @param frames makes a line as it is kept (stack positions rewritten); default: as written */
  constructor(
    limits: Partial<ConsoleLimits>,
    response: ResponseBuffer,
    frames: (text: string) => string = (text) => text,
  ) {
    this.#limits = {
      maxConsoleBytes: limits.maxConsoleBytes ?? DEFAULT_CONSOLE_LIMITS.maxConsoleBytes,
      maxConsoleLines: limits.maxConsoleLines ?? DEFAULT_CONSOLE_LIMITS.maxConsoleLines,
    };
    this.#response = response;
    this.#frames = frames;
  }

  /**
   * Keeps a line unless a limit would be passed; returns true when the console is full (this line
   * dropped). `logger` names the logger that wrote it (log/logging); its bytes count as the text's.
   */
  write(level: ConsoleLevel, written: string, logger?: string): boolean {
    if (this.#dropped === 0) {
      // A line longer than the console may hold is dropped: no need to rewrite it.
      const text = written.length > this.#limits.maxConsoleBytes ? written : this.#frames(written);
      const bytes = Buffer.byteLength(text) + (logger === undefined ? 0 : Buffer.byteLength(logger));
      const fits =
        this.#lines.length < this.#limits.maxConsoleLines &&
        this.#bytes + bytes <= this.#limits.maxConsoleBytes &&
        this.#response.reserveOther(bytes);
      if (fits) {
        this.#bytes += bytes;
        this.#lines.push(logger === undefined ? { level, text } : { level, text, logger });
        return false;
      }
    }
    this.#dropped++;
    return true;
  }

  /**
   * Counts a line the guest did not send because the console is full; returns whether it is. False
   * (nothing counted) when this run has dropped nothing: the guest saw an earlier run's console full.
   */
  drop(): boolean {
    if (this.#dropped === 0) return false;
    this.#dropped++;
    return true;
  }

  /** The lines of the run, and a notice when some were dropped. */
  lines(): ConsoleLine[] {
    return this.#dropped === 0 ? this.#lines : [...this.#lines, truncationNotice(this.#dropped)];
  }
}
