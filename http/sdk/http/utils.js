/*
 * sdk/http/utils (also @aerokit/sdk/http/utils, and `utils` of sdk/http): the `HttpUtils` class of
 * the newest SDK, static methods that answer with a status and a JSON body, as its generated REST
 * controllers do: `HttpUtils.sendResponseNotFound("Item not found")` answers 404 with
 * `{"code":404,"message":"Item not found"}`. Each sets the Content-Type `application/json` and the
 * status, then prints the body, as Dirigible's does (a falsy entity prints nothing).
 */
'use strict';
const Response = require('sdk/http/response');

function send(status, body) {
  Response.setContentType('application/json');
  Response.setStatus(status);
  if (body) Response.println(JSON.stringify(body));
}

const error = (status, message) => send(status, { code: status, message });

class HttpUtils {}
/** 200 with `entity` as the JSON body. */
HttpUtils.sendResponseOk = (entity) => send(200, entity);
/** 201 with `entity` as the JSON body. */
HttpUtils.sendResponseCreated = (entity) => send(201, entity);
/** 204 without a body. */
HttpUtils.sendResponseNoContent = () => send(204);
/** 400 with `{ code: 400, message }`. */
HttpUtils.sendResponseBadRequest = (message) => error(400, message);
/** 403 with `{ code: 403, message }`. */
HttpUtils.sendForbiddenRequest = (message) => error(403, message);
/** 404 with `{ code: 404, message }`. */
HttpUtils.sendResponseNotFound = (message) => error(404, message);
/** 500 with `{ code: 500, message }`. */
HttpUtils.sendInternalServerError = (message) => error(500, message);
Object.freeze(HttpUtils);

exports.HttpUtils = HttpUtils;
