/*
 * sdk/http/rs: Dirigible's REST services framework as Dirigible 10's SDK has it:
 * `import { rs } from "sdk/http"; rs.service().resource("").get(…).execute();`. The framework of
 * http/v4/rs, whose handlers get by default the SDK's Request and Response classes (sdk/http/request,
 * sdk/http/response), as Dirigible 10's do: `request.getHeader()` of an absent header is undefined,
 * `request.getJSON()` of a body that is not JSON undefined.
 */
'use strict';
const rs = require('http/v4/rs');
const Request = require('sdk/http/request');
const Response = require('sdk/http/response');

/** The HttpController of http/v4/rs, serving with the SDK's Request and Response by default. */
class HttpController extends rs.HttpController {
  /** Serves the current request (or `request` / `response`), see http/v4/rs. */
  execute(request, response) {
    return super.execute(request || Request, response || Response);
  }
}

/** A new service, optionally from a ResourceMappings or a configuration object `{ path: { verb: [spec] } }`. */
exports.service = (mappings) =>
  new HttpController(mappings !== null && typeof mappings === 'object' ? mappings : undefined);
exports.HttpController = HttpController;
exports.ResourceMappings = rs.ResourceMappings;
exports.Resource = rs.Resource;
exports.ResourceMethod = rs.ResourceMethod;
