/*
 * http/v4/rs: Dirigible's REST services framework. `rs.service()` returns an HttpController;
 * resources, handlers and media types are declared on it with a builder chain and `execute()`
 * serves the current request:
 *   rs.service().resource('items/{id}').get(function (ctx, request, response) { … }).execute();
 */
'use strict';
const HttpController = require('http/rs/http-controller');
const ResourceMappings = require('http/rs/resource-mappings');

/** A new service, optionally from a ResourceMappings or a configuration object `{ path: { verb: [spec] } }`. */
exports.service = (mappings) =>
  new HttpController(mappings !== null && typeof mappings === 'object' ? mappings : undefined);
exports.HttpController = HttpController;
exports.ResourceMappings = ResourceMappings;
exports.Resource = require('http/rs/resource');
exports.ResourceMethod = require('http/rs/resource-method');
