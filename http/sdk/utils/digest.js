/*
 * sdk/utils/digest (also @aerokit/sdk/utils/digest): Dirigible 10's `Digest` class of static methods; each
 * is utils/digest's function of the same name. See docs/utils.md.
 */
'use strict';
const functions = require('utils/digest');

class Digest {}
for (const name of Object.keys(functions)) Digest[name] = functions[name];
// CommonJS scripts get the class itself, as Dirigible's SDK module exports it
// (`module.exports = Digest`); its Digest property keeps `require(...).Digest` and the ES module
// import { Digest } working.
Digest.Digest = Digest;
Object.freeze(Digest);

module.exports = Digest;
