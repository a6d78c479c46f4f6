/*
 * http/v3/rs (Eclipse Dirigible API v3): the same framework as http/v4/rs.
 */
'use strict';
module.exports = require('http/v4/rs');
