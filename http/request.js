/*
 * http/request: the alias of http/v4/request, the current generation.
 */
'use strict';
module.exports = require('http/v4/request');
