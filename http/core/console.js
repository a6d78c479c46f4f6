/*
 * core/console: Dirigible's console module (API v3 name), the same as `console`.
 */
'use strict';
module.exports = kernel.console;
