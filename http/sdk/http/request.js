/*
 * sdk/http/request: the request being served as the `Request` class of static methods (the shape
 * of Dirigible's newer SDK): the http/v4/request functions, and json(), the SDK's name for
 * getJSON().
 */
'use strict';
const request = require('http/v4/request');

class Request {}
for (const name of Object.keys(request)) Request[name] = request[name];
Request.json = request.getJSON;
// CommonJS scripts get the class itself, as Dirigible's SDK modules export it
// (`var Request = require(...)`); its Request property keeps `require(...).Request` and the ES module
// import { Request } (a named export is an enumerable property) working.
Request.Request = Request;
Object.freeze(Request);

module.exports = Request;
