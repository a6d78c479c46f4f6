/*
 * sdk/http/session: the session of the current request as the `Session` class of static
 * methods (the shape of Dirigible's newer SDK). Every method is the http/v4/session function of
 * the same name.
 */
'use strict';
const session = require('http/v4/session');

class Session {}
for (const name of Object.keys(session)) Session[name] = session[name];
// CommonJS scripts get the class itself, as Dirigible's SDK modules export it
// (`var Session = require(...)`); its Session property keeps `require(...).Session` and the ES module
// import { Session } (a named export is an enumerable property) working.
Session.Session = Session;
Object.freeze(Session);

module.exports = Session;
