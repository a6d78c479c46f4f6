/*
 * console: the script console (Dirigible's `core/console` and `core/v4/console`): log, info, warn,
 * error, debug and trace reach the server's log with the script's path and the request id, at
 * the matching level. The same object as the global `console`.
 */
'use strict';
module.exports = kernel.console;
