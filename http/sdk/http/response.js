/*
 * sdk/http/response: the response of the current request as the `Response` class of static
 * methods and status constants (the shape of Dirigible's newer SDK), from http/v4/response (its
 * json(value) included, the SDK's way to answer with JSON); write() of nothing writes nothing.
 */
'use strict';
const response = require('http/v4/response');

class Response {}
for (const name of Object.keys(response)) Response[name] = response[name];
// Dirigible 10's SDK: `if (!bytes) bytes = []`, so write() of nothing (undefined, null, '') writes nothing.
Response.write = (data) => {
  if (data) response.write(data);
};
// CommonJS scripts get the class itself, as Dirigible's SDK modules export it
// (`var Response = require(...)`); its Response property keeps `require(...).Response` and the ES module
// import { Response } (a named export is an enumerable property) working.
Response.Response = Response;
Object.freeze(Response);

module.exports = Response;
