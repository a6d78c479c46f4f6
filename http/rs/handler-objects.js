/*
 * http/rs/handler-objects: the request and response that rs handlers get by default, as
 * Dirigible 10's SDK shows them: the http/v4 modules plus `request.json()` (the body parsed as
 * JSON, `undefined` when it is not JSON) and `response.json(value)` (sets Content-Type
 * application/json unless one is set, and prints the value as JSON).
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
  json: (value) => {
    if (!response.getContentType()) response.setContentType('application/json');
    response.print(JSON.stringify(value));
  },
});
