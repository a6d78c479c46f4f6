/*
 * http/rs/decorators: Dirigible 9's decorators for TypeScript services compiled to CommonJS
 * (`@Controller`, `@Get` …, and the newest SDK's `@Documentation`), over http/v4/rs: methods get
 * the http/v4 request and response (see http/rs/decorator-set).
 */
'use strict';
module.exports = require('http/rs/decorator-set')(require('http/v4/rs'));
