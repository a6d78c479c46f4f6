/*
 * sdk/http/decorators: Dirigible 10's decorators for TypeScript services (`@Controller`, `@Get`
 * …, and the newest SDK's `@Documentation`), also exported by sdk/http itself. See http/rs/decorators.
 */
'use strict';
const decorators = require('http/rs/decorators');

for (const name of ['Controller', 'Documentation', 'Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options']) {
  exports[name] = decorators[name];
}
