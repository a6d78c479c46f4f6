/*
 * http/rs/handler-objects: the request and response that rs handlers get by default, as
 * Dirigible 10's SDK shows them: the http/v4 modules plus `request.json()` (the body parsed as
 * JSON, `undefined` when it is not JSON) and `response.json(value)` (labels the response
 * application/json, replacing a type set before as the SDK's `Response.json()` does, and prints
 * the value as JSON).
 */
'use strict';
const request = require('http/v4/request');
const response = require('http/v4/response');

exports.request = Object.freeze({
  ...request,
  json: () => {
    try {
      return JSON.parse(request.getText());
    } catch (_notJson) {
      return undefined;
    }
  },
});

exports.response = Object.freeze({
  ...response,
  // Dirigible 10 hands rs handlers its SDK Response, whose json() adds the header Content-Type,
  // which a servlet container takes as setContentType(): a type set before is replaced.
  json: (value) => {
    response.addHeader('Content-Type', 'application/json');
    response.print(JSON.stringify(value));
  },
});
