/*
 * sdk/utils/escape (also @aerokit/sdk/utils/escape): Dirigible 10's `Escape` class of static methods; each
 * is utils/escape's function of the same name. See docs/utils.md.
 */
'use strict';
const functions = require('utils/escape');

class Escape {}
for (const name of Object.keys(functions)) Escape[name] = functions[name];
// CommonJS scripts get the class itself, as Dirigible's SDK module exports it
// (`module.exports = Escape`); its Escape property keeps `require(...).Escape` and the ES module
// import { Escape } working.
Escape.Escape = Escape;
Object.freeze(Escape);

module.exports = Escape;
