/*
 * sdk/http/request: the request being served as the `Request` class of static methods (the shape
 * of Dirigible's newer SDK): the http/v4/request functions, and json(), the SDK's name for
 * getJSON(). As in Dirigible 10's SDK, getJSON() and json() answer undefined for a body that is
 * not JSON, an empty one included (http/v4/request's getJSON() answers null for an empty body and
 * throws a SyntaxError for one that is not JSON), and getHeader() and getAttribute() answer
 * undefined for a header or attribute that is absent or empty (http/v4/request: null, and "").
 */
'use strict';
const request = require('http/v4/request');

/** The body parsed as JSON, or undefined when it does not parse. */
function bodyAsJson() {
  const text = request.getText();
  try {
    return kernel.parse(text);
  } catch (_notJson) {
    return undefined;
  }
}

class Request {}
for (const name of Object.keys(request)) Request[name] = request[name];
Request.getJSON = bodyAsJson;
// Dirigible 10's SDK: `header ? header : undefined`, and so for attributes.
Request.getHeader = (name) => request.getHeader(name) || undefined;
Request.getAttribute = (name) => request.getAttribute(name) || undefined;
Request.json = bodyAsJson;
// CommonJS scripts get the class itself, as Dirigible's SDK modules export it
// (`var Request = require(...)`); its Request property keeps `require(...).Request` and the ES module
// import { Request } (a named export is an enumerable property) working.
Request.Request = Request;
Object.freeze(Request);

module.exports = Request;
