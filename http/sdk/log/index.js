/*
 * sdk/log (also @dirigible/log, @aerokit/sdk/log): the SDK's log module, Dirigible 10's
 * `import { logging } from "sdk/log"` (also `Logging`, and the newest SDK's `Logger` class); each
 * is log/logging's. See docs/log-logging.md.
 */
'use strict';
const Logging = require('log/logging');

exports.logging = Logging;
exports.Logging = Logging;
exports.Logger = Logging.Logger;
