/*
 * http/v3/session (Eclipse Dirigible API v3): the same functions as http/v4/session.
 */
'use strict';
module.exports = require('http/v4/session');
