/*
 * http/rs: the alias of http/v4/rs, the current generation.
 */
'use strict';
module.exports = require('http/v4/rs');
