/*
 * sdk/http/client: the HTTP client as the `HttpClient` class of static methods (the shape of
 * Dirigible's newer SDK). Every method is the http/v4/client function of the same name.
 */
'use strict';
const client = require('http/v4/client');

class HttpClient {}
for (const name of Object.keys(client)) HttpClient[name] = client[name];
// CommonJS scripts get the class itself, as Dirigible's SDK modules export it
// (`var HttpClient = require(...)`); its HttpClient property keeps `require(...).HttpClient` and the ES module
// import { HttpClient } (a named export is an enumerable property) working.
HttpClient.HttpClient = HttpClient;
Object.freeze(HttpClient);

module.exports = HttpClient;
