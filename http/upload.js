/*
 * http/upload: the alias of http/v4/upload, the current generation.
 */
'use strict';
module.exports = require('http/v4/upload');
