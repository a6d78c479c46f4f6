/**
 * Host half of the script console (`console` global, `console`, `core/console`, `core/v4/console`,
 * and log/logging's loggers): `write` keeps a line of the current run at its level, with the name
 * of the logger that wrote it when one did; once the run's console is full, the guest only calls
 * `drop`, to count the lines it no longer sends. Both answer whether the console is full.
 */
import { CONSOLE_LEVELS, type ConsoleLevel } from '../../common/console-lines.js';
import type { Facade } from './context.js';

export const consoleFacade: Facade = {
  write(context, [level, text, logger]) {
    // Outside a request (module set-up of a warm context) there is no run to attach the line to.
    if (context === undefined) return false;
    const known = CONSOLE_LEVELS.includes(level as ConsoleLevel) ? (level as ConsoleLevel) : 'info';
    return context.console.write(known, String(text), typeof logger === 'string' ? logger : undefined);
  },
  drop(context) {
    return context === undefined ? false : context.console.drop();
  },
};
