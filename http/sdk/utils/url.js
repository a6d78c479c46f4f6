/*
 * sdk/utils/url (also @aerokit/sdk/utils/url): Dirigible 10's `URL` class of static methods; each
 * is utils/url's function of the same name. See docs/utils.md.
 */
'use strict';
const functions = require('utils/url');

class URL {}
for (const name of Object.keys(functions)) URL[name] = functions[name];
// CommonJS scripts get the class itself, as Dirigible's SDK module exports it
// (`module.exports = URL`); its URL property keeps `require(...).URL` and the ES module
// import { URL } working.
URL.URL = URL;
Object.freeze(URL);

module.exports = URL;
