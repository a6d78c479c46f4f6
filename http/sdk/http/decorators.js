/*
 * sdk/http/decorators: Dirigible 10's decorators for TypeScript services (`@Controller`, `@Get`
 * …, and the newest SDK's `@Documentation`), also exported by sdk/http itself, over sdk/http/rs:
 * methods get the SDK's Request and Response. See http/rs/decorator-set.
 */
'use strict';
const decorators = require('http/rs/decorator-set')(require('sdk/http/rs'));

for (const name of ['Controller', 'Documentation', 'Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options']) {
  exports[name] = decorators[name];
}
