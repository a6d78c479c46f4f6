/*
 * http/session: the alias of http/v4/session, the current generation.
 */
'use strict';
module.exports = require('http/v4/session');
