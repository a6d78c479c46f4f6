/*
 * sdk/utils/utf8 (also @aerokit/sdk/utils/utf8): Dirigible 10's `UTF8` class of static methods; each
 * is utils/utf8's function of the same name. See docs/utils.md.
 */
'use strict';
const functions = require('utils/utf8');

class UTF8 {}
for (const name of Object.keys(functions)) UTF8[name] = functions[name];
// CommonJS scripts get the class itself, as Dirigible's SDK module exports it
// (`module.exports = UTF8`); its UTF8 property keeps `require(...).UTF8` and the ES module
// import { UTF8 } working.
UTF8.UTF8 = UTF8;
Object.freeze(UTF8);

module.exports = UTF8;
