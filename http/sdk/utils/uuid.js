/*
 * sdk/utils/uuid (also @aerokit/sdk/utils/uuid): Dirigible 10's `UUID` class of static methods; each
 * is utils/uuid's function of the same name. See docs/utils.md.
 */
'use strict';
const functions = require('utils/uuid');

class UUID {}
for (const name of Object.keys(functions)) UUID[name] = functions[name];
// CommonJS scripts get the class itself, as Dirigible's SDK module exports it
// (`module.exports = UUID`); its UUID property keeps `require(...).UUID` and the ES module
// import { UUID } working.
UUID.UUID = UUID;
Object.freeze(UUID);

module.exports = UUID;
