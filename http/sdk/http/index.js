/*
 * sdk/http (also @dirigible/http, @aerokit/sdk/http): the HTTP classes of Dirigible's newer SDK,
 * each also under its lower-case name: `import { session, request, response, upload, client } from "sdk/http"`;
 * the REST framework as `rs`, and the decorators of TypeScript services (`Controller`, `Get` …,
 * also as `decorators`); the newest SDK's `errors` (ValidationError, ForbiddenError) and `utils`
 * (the HttpUtils class).
 */
'use strict';
const { Session } = require('sdk/http/session');
const { Request } = require('sdk/http/request');
const { Response } = require('sdk/http/response');

exports.Session = Session;
exports.session = Session;
exports.Request = Request;
exports.request = Request;
exports.Response = Response;
exports.response = Response;
const { Upload } = require('sdk/http/upload');
const { HttpClient } = require('sdk/http/client');

exports.Upload = Upload;
exports.upload = Upload;
exports.HttpClient = HttpClient;
exports.client = HttpClient;
exports.rs = require('sdk/http/rs');
exports.decorators = require('sdk/http/decorators');
// Each decorator also by its own name; sdk/http/decorators is the one list of them.
for (const name of Object.keys(exports.decorators)) exports[name] = exports.decorators[name];
// The newest SDK's error classes as `errors`, and its HttpUtils class as `utils`.
exports.errors = require('sdk/http/errors');
exports.utils = require('sdk/http/utils').HttpUtils;
