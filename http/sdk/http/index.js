/*
 * sdk/http (also @dirigible/http, @aerokit/sdk/http): the HTTP classes of Dirigible's newer SDK,
 * each also under its lower-case name: `import { session, request, response } from "sdk/http"`.
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
