/*
 * http/response: the alias of http/v4/response, the current generation.
 */
'use strict';
module.exports = require('http/v4/response');
