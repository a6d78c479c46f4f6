/*
 * http/v3/request (Eclipse Dirigible API v3): the same functions as http/v4/request.
 */
'use strict';
module.exports = require('http/v4/request');
