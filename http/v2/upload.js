/*
 * net/http/upload (Eclipse Dirigible API v2): the same functions as http/v4/upload.
 */
'use strict';
module.exports = require('http/v4/upload');
