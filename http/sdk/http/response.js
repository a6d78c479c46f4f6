/*
 * sdk/http/response: the response of the current request as the `Response` class of static
 * methods and status constants (the shape of Dirigible's newer SDK), from http/v4/response, and
 * json(value), the SDK's way to answer with JSON.
 */
'use strict';
const response = require('http/v4/response');

class Response {}
for (const name of Object.keys(response)) Response[name] = response[name];
// Dirigible's SDK: adds Content-Type application/json and prints JSON.stringify(value).
Response.json = (value) => {
  response.addHeader('Content-Type', 'application/json');
  response.print(JSON.stringify(value));
};
// CommonJS scripts get the class itself, as Dirigible's SDK modules export it
// (`var Response = require(...)`); its Response property keeps `require(...).Response` and the ES module
// import { Response } (a named export is an enumerable property) working.
Response.Response = Response;
Object.freeze(Response);

module.exports = Response;
