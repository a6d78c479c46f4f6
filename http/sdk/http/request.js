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
Object.freeze(Request);

exports.Request = Request;
