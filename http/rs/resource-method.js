/*
 * http/rs/resource-method: one handler specification of a resource for one HTTP method: its
 * `serve` function, its `before` / `catch` / `finally` functions and its `consumes` / `produces`
 * media types. Every setter returns the ResourceMethod, and the resource's and the service's
 * builder functions are reachable from it, so a whole service is one chain.
 */
'use strict';
const invalid = require('http/rs/definition-error');
const { parse } = require('http/rs/media-types');

const PHASES = ['before', 'serve', 'catch', 'finally'];

class ResourceMethod {
  /**
   * @param configuration the specification object this instance edits (kept by its resource)
   * @param controller the HttpController, for `execute()`
   * @param resource the Resource, for chaining `get()`, `post()` …
   * @param mappings the ResourceMappings, for chaining `resource(path)`
   */
  constructor(configuration, controller, resource, mappings) {
    this.cfg = configuration;
    this.controller = controller;
    this._resource = resource;
    if (mappings !== undefined) {
      this.resource = (path, configuration) => mappings.resource(path, configuration);
      this.resourcePath = this.resource;
      this.path = this.resource;
    }
  }

  /** The specification object: `{ serve, before, catch, finally, consumes, produces }`. */
  configuration() {
    return this.cfg;
  }

  /** Adds media types of request bodies this handler takes (matched against Content-Type). */
  consumes(mimeTypes) {
    return this.#mediaTypes('consumes', mimeTypes);
  }

  /** Adds media types this handler answers with (matched against Accept). */
  produces(mimeTypes) {
    return this.#mediaTypes('produces', mimeTypes);
  }

  /** Runs the service for the current request (see HttpController.execute). */
  execute(request, response) {
    return this.controller.execute(request, response);
  }

  #mediaTypes(setting, mimeTypes) {
    if (mimeTypes === undefined) return this;
    const list = typeof mimeTypes === 'string' ? [mimeTypes] : mimeTypes;
    if (!Array.isArray(list)) {
      invalid(setting + ': expected a media type string or an array of them, got ' + typeof mimeTypes);
    }
    for (const type of list) {
      if (typeof type !== 'string' || parse(type) === null) {
        invalid(setting + ': "' + String(type) + '" is not a media type of the form type/subtype');
      }
    }
    const current = this.cfg[setting] || [];
    this.cfg[setting] = current.concat(
      list.filter((type, index) => current.indexOf(type) < 0 && list.indexOf(type) === index),
    );
    return this;
  }
}

for (const phase of PHASES) {
  /** Sets the `phase` function of this handler. */
  ResourceMethod.prototype[phase] = function setPhase(handler) {
    if (handler === undefined) return this;
    if (typeof handler !== 'function') invalid(phase + ': expected a function, got ' + typeof handler);
    this.cfg[phase] = handler;
    return this;
  };
}

// Chaining back to the resource: `.get(fn).produces([…]).post(fn2)`.
for (const verb of ['get', 'post', 'put', 'patch', 'delete', 'remove', 'head', 'options', 'trace', 'method']) {
  ResourceMethod.prototype[verb] = function onResource(...args) {
    return this._resource[verb](...args);
  };
}

module.exports = ResourceMethod;
