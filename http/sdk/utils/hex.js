/*
 * sdk/utils/hex (also @aerokit/sdk/utils/hex): Dirigible 10's `Hex` class of static methods; each
 * is utils/hex's function of the same name. See docs/utils.md.
 */
'use strict';
const functions = require('utils/hex');

class Hex {}
for (const name of Object.keys(functions)) Hex[name] = functions[name];
// CommonJS scripts get the class itself, as Dirigible's SDK module exports it
// (`module.exports = Hex`); its Hex property keeps `require(...).Hex` and the ES module
// import { Hex } working.
Hex.Hex = Hex;
Object.freeze(Hex);

module.exports = Hex;
