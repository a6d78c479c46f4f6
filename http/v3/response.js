/*
 * http/v3/response (Eclipse Dirigible API v3): the same functions as http/v4/response.
 */
'use strict';
module.exports = require('http/v4/response');
