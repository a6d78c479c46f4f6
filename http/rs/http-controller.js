/*
 * http/rs/http-controller: a REST service. `rs.service()` makes one; its builder functions fill
 * its ResourceMappings; `execute()` serves the current request: it finds the handler by resource
 * path (`request.getResourcePath()`), method and media types, runs its before, serve, catch and
 * finally functions, and answers 404, 405, 415 or 406 with a coded JSON error when nothing fits.
 */
'use strict';
const defaults = require('http/rs/handler-objects');
const invalid = require('http/rs/definition-error');
const dispatch = require('http/rs/dispatch');
const { acceptList } = require('http/rs/media-types');
const parseQuery = require('http/rs/query-parameters');
const ResourceMappings = require('http/rs/resource-mappings');

const SHORTCUTS = ['get', 'post', 'put', 'patch', 'delete', 'remove', 'head', 'options', 'trace'];

class HttpController {
  /** @param mappings a ResourceMappings, or a configuration object `{ path: { verb: [spec] } }` */
  constructor(mappings) {
    this.resourceMappings = mappings instanceof ResourceMappings ? mappings : new ResourceMappings(mappings, this);
    if (this.resourceMappings.controller === undefined) {
      this.resourceMappings.controller = this;
      this.resourceMappings.execute = (request, response) => this.execute(request, response);
    }
    this.resource = (path, configuration) => this.resourceMappings.resource(path, configuration);
    this.resourcePath = this.resource;
  }

  /** The ResourceMappings of this service. */
  mappings() {
    return this.resourceMappings;
  }

  /** `method(path, verb, serveOrConfiguration)`: adds a handler; returns the controller. */
  method(path, verb, serveOrConfiguration) {
    const resource = this.resource(path === undefined ? '' : path);
    if (typeof serveOrConfiguration === 'function') resource.method(verb).serve(serveOrConfiguration);
    else resource.method(verb, serveOrConfiguration);
    return this;
  }

  /**
   * Serves the current request (or `request` / `response`: objects with the functions of the
   * http/v4 modules; by default those modules plus `request.json()` and `response.json(value)`).
   * Errors of the handlers that no `catch` function handles are thrown on, after `finally` ran,
   * and end the request with a 500.
   */
  execute(request, response) {
    const req = request || defaults.request;
    const res = response || defaults.response;
    this.currentRequest = req;
    this.currentResponse = res;
    const path = req.getResourcePath();
    const method = req.getMethod();
    // A request object may answer undefined for what is absent (the SDK's Request does).
    const contentType = req.getContentType() || null;
    const accept = req.getHeader('Accept') || null;
    const outcome = dispatch(this.resourceMappings.configuration(), {
      path,
      method,
      contentType,
      accept,
      hasBody: req.getContentLength() > 0 || Boolean(req.getHeader('Transfer-Encoding')),
    });
    if (outcome.kind !== 'serve') return answer(res, outcome, { path, method, contentType, accept });

    const ctx = {
      pathParameters: outcome.pathParameters,
      queryParameters: parseQuery(req.getQueryString()),
      request: req,
      req,
      response: res,
      res,
    };
    if (outcome.type !== null && !res.getContentType()) res.setContentType(outcome.type);
    const spec = outcome.spec;
    const args = [ctx, req, res, spec, this];
    try {
      if (typeof spec.before === 'function') spec.before.apply(this, args);
      const serve = spec.serve || spec.handler;
      if (typeof serve === 'function' && !res.isCommitted()) serve.apply(this, args);
    } catch (error) {
      if (typeof spec.catch !== 'function') throw error;
      spec.catch.apply(this, [ctx, error, req, res, spec, this]);
    } finally {
      // As Dirigible's controller: an error of finally is logged and changes nothing of the answer.
      if (typeof spec.finally === 'function') {
        try {
          spec.finally.apply(this, args);
        } catch (error) {
          console.error('rs: the finally function of ' + method + ' "' + path + '" threw', error);
        }
      }
    }
  }

  /** Same as `execute(request, response)`. */
  listen(request, response) {
    return this.execute(request, response);
  }

  /**
   * Answers with status `httpErrorCode` and Dirigible's JSON error body
   * `{ code: applicationErrorCode, error: errorName, details: errorDetails }` (indented by two
   * spaces, as Dirigible writes it), and commits the response (a `before` function that calls it
   * stops the request there). A browser (its Accept lists `text/html`) gets the response's error
   * page with the message `errorName[applicationErrorCode]: errorDetails`, as on Dirigible.
   */
  sendError(httpErrorCode, applicationErrorCode, errorName, errorDetails) {
    const req = this.currentRequest || defaults.request;
    const res = this.currentResponse || defaults.response;
    const status = httpErrorCode || 500;
    const html = acceptList(req.getHeader('Accept')).some(
      (entry) => entry.range.type === 'text' && entry.range.subtype === 'html' && entry.quality > 0,
    );
    if (html) {
      const code = applicationErrorCode !== undefined ? '[' + applicationErrorCode + ']' : '';
      res.sendError(status, errorName + code + (errorDetails ? ': ' + errorDetails : ''));
      return;
    }
    res.setStatus(status);
    res.setContentType('application/json');
    res.print(JSON.stringify({ code: applicationErrorCode, error: errorName, details: errorDetails }, null, 2));
    res.flush();
  }
}

for (const verb of SHORTCUTS) {
  /** `get(path, serveOrConfiguration)` …: adds a handler of the resource at `path`; returns the controller. */
  HttpController.prototype[verb] = function shortcut(path, serveOrConfiguration) {
    if (path !== undefined && typeof path !== 'string') invalid(verb + ': the path must be a string');
    this.resource(path === undefined ? '' : path)[verb](serveOrConfiguration);
    return this;
  };
}

/** The answer when no handler fits: status, Allow, and the coded error as JSON (a 204 for OPTIONS). */
function answer(res, outcome, request) {
  if (outcome.allow !== undefined) res.setHeader('Allow', outcome.allow.join(', '));
  if (outcome.kind === 'options') {
    res.setStatus(204);
    return;
  }
  const detail = {
    method: request.method,
    contentType: request.contentType,
    accept: request.accept,
    allow: outcome.allow || [],
    types: outcome.consumes || outcome.produces || [],
  };
  const body = kernel.call('rs', 'errorBody', outcome.kind, request.path, JSON.stringify(detail));
  res.setStatus(JSON.parse(body).status);
  res.setContentType('application/json; charset=utf-8');
  res.print(body);
}

module.exports = HttpController;
