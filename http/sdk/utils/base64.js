/*
 * sdk/utils/base64 (also @aerokit/sdk/utils/base64): Dirigible 10's `Base64` class of static methods; each
 * is utils/base64's function of the same name. See docs/utils.md.
 */
'use strict';
const functions = require('utils/base64');

class Base64 {}
for (const name of Object.keys(functions)) Base64[name] = functions[name];
// CommonJS scripts get the class itself, as Dirigible's SDK module exports it
// (`module.exports = Base64`); its Base64 property keeps `require(...).Base64` and the ES module
// import { Base64 } working.
Base64.Base64 = Base64;
Object.freeze(Base64);

module.exports = Base64;
