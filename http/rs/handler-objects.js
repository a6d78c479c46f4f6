/*
 * http/rs/handler-objects: the request and response that rs handlers get by default, as
 * Dirigible 10's SDK shows them: the http/v4 modules, with `request.json()` as the SDK's (the body
 * parsed as JSON, `undefined` when it is not JSON; http/v4's throws) and http/v4's
 * `response.json(value)` (labels the response application/json, replacing a type set before as
 * the SDK's `Response.json()` does, and prints the value as JSON).
 */
'use strict';
const request = require('http/v4/request');
const response = require('http/v4/response');

exports.request = Object.freeze({ ...request, json: require('sdk/http/request').json });
exports.response = Object.freeze({ ...response });
