/*
 * core/v4/console: Dirigible's console module (API v4 name), the same as `console`.
 */
'use strict';
module.exports = kernel.console;
