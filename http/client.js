/*
 * http/client: the alias of http/v4/client, the current generation.
 */
'use strict';
module.exports = require('http/v4/client');
