/*
 * http/rs/resource: one resource path template of a service and its handlers by HTTP method:
 * `resource("items/{id}").get(serve).delete(serve)`. Each method may have several handlers that
 * differ in what they consume and produce; content negotiation picks one per request.
 */
'use strict';
const invalid = require('http/rs/definition-error');
const ResourceMethod = require('http/rs/resource-method');

/** The HTTP methods with a builder function of their own; `method(verb)` takes any other. */
const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'];
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

class Resource {
  /**
   * @param path the path template, e.g. `items/{id}`
   * @param configuration handler specifications by lower-case method: `{ get: [{ serve }] }`
   */
  constructor(path, configuration, controller, mappings) {
    this.sPath = path;
    this.cfg = configuration || {};
    this.controller = controller;
    this.mappings = mappings;
  }

  /** The path template without an argument; with one, sets it and returns the resource. */
  path(...path) {
    if (path.length === 0) return this.sPath;
    this.sPath = path[0];
    return this;
  }

  /**
   * The handler of HTTP method `verb`: a new one, or, when `configuration` (a specification object
   * or an array of them) names the same consumes and produces as an existing one, that one updated.
   * Returns the ResourceMethod, as Dirigible does: an array of several gives an array of them, an
   * array of one its one ResourceMethod (so `.get([spec]).execute()` chains), an empty array nothing.
   */
  method(verb, configuration) {
    if (typeof verb !== 'string' || !TOKEN.test(verb)) invalid('method: "' + String(verb) + '" is not an HTTP method');
    const key = verb.toLowerCase();
    if (!Array.isArray(this.cfg[key])) this.cfg[key] = [];
    const specs = Array.isArray(configuration) ? configuration : [configuration || {}];
    const methods = specs.map((spec) => {
      if (spec === null || typeof spec !== 'object') invalid(key + ': a handler specification must be an object');
      const existing = this.cfg[key].find((candidate) => sameTypes(candidate, spec));
      if (existing === undefined) this.cfg[key].push(spec);
      else if (existing !== spec) Object.assign(existing, spec);
      return new ResourceMethod(existing || spec, this.controller, this, this.mappings);
    });
    return methods.length > 1 ? methods : methods[0];
  }

  /** Same as `delete()`. */
  remove(serveOrConfiguration) {
    return this.delete(serveOrConfiguration);
  }

  /** The handler specifications by lower-case HTTP method. */
  configuration() {
    return this.cfg;
  }

  /** The handler of `verb` with exactly these consumes and produces lists, or `undefined`. */
  find(verb, consumes, produces) {
    for (const key of Object.keys(this.cfg)) {
      if (verb !== undefined && key !== String(verb).toLowerCase()) continue;
      const spec = this.cfg[key].find((existing) => sameTypes(existing, { consumes, produces }));
      if (spec !== undefined) return new ResourceMethod(spec, this.controller, this, this.mappings);
    }
    return undefined;
  }

  /** Removes the handlers of `verb` (every method when undefined) with these consumes and produces lists. */
  disable(verb, consumes, produces) {
    for (const key of Object.keys(this.cfg)) {
      if (verb !== undefined && key !== String(verb).toLowerCase()) continue;
      this.cfg[key] = this.cfg[key].filter((spec) => !sameTypes(spec, { consumes, produces }));
    }
    return this;
  }

  /** Removes every handler but those of GET, HEAD and OPTIONS. */
  readonly() {
    for (const key of Object.keys(this.cfg)) {
      if (key !== 'get' && key !== 'head' && key !== 'options') delete this.cfg[key];
    }
    return this;
  }

  /** Runs the service for the current request (see HttpController.execute). */
  execute(request, response) {
    return this.controller.execute(request, response);
  }
}

for (const verb of VERBS) {
  /** The handler of this method; a function argument is its `serve`, an object its specification. */
  Resource.prototype[verb] = function build(serveOrConfiguration) {
    if (serveOrConfiguration === undefined) return this.method(verb);
    if (typeof serveOrConfiguration === 'function') return this.method(verb).serve(serveOrConfiguration);
    if (typeof serveOrConfiguration === 'object' && serveOrConfiguration !== null)
      return this.method(verb, serveOrConfiguration);
    return invalid(verb + ': expected a serve function or a handler specification, got ' + typeof serveOrConfiguration);
  };
}

function sameTypes(a, b) {
  return sameList(a.consumes, b.consumes) && sameList(a.produces, b.produces);
}

function sameList(a, b) {
  const left = a || [];
  const right = b || [];
  return left.length === right.length && left.every((type, index) => type === right[index]);
}

module.exports = Resource;
