/**
 * Host half of the script console (`console` global, `console`, `core/console`, `core/v4/console`):
 * one function that keeps a line of the current run at its level.
 */
import { CONSOLE_LEVELS, type ConsoleLevel } from '../../common/console-lines.js';
import type { Facade } from './context.js';

export const consoleFacade: Facade = {
  write(context, [level, text]) {
    // Outside a request (module set-up of a warm context) there is no run to attach the line to.
    if (context === undefined) return undefined;
    const known = CONSOLE_LEVELS.includes(level as ConsoleLevel) ? (level as ConsoleLevel) : 'info';
    context.console.write(known, String(text));
    return undefined;
  },
};
