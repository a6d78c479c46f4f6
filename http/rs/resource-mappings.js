/*
 * http/rs/resource-mappings: the resources of a service by path template. The builder functions
 * of a service end up here; a configuration object `{ "items/{id}": { get: [{ serve }] } }` is
 * the same thing written as data.
 */
'use strict';
const invalid = require('http/rs/definition-error');
const { normalize } = require('http/rs/path-template');
const Resource = require('http/rs/resource');

class ResourceMappings {
  /**
   * @param configuration handler specifications by path template, or undefined
   * @param controller the HttpController these mappings belong to
   */
  constructor(configuration, controller) {
    this.resources = {};
    this.controller = controller;
    if (controller !== undefined) this.execute = (request, response) => controller.execute(request, response);
    if (configuration !== undefined && configuration !== null) {
      if (typeof configuration !== 'object')
        invalid('service: the configuration must be an object of resources by path');
      for (const path of Object.keys(configuration)) this.resource(path, configuration[path]);
    }
  }

  /** The resource of path template `path` (created on first use, optionally from `configuration`). */
  resource(path, configuration) {
    if (typeof path !== 'string') invalid('resource: the path must be a string, got ' + typeof path);
    const key = normalize(path);
    if (this.resources[key] === undefined) {
      this.resources[key] = new Resource(key, configuration, this.controller, this);
    } else if (configuration !== undefined) {
      for (const verb of Object.keys(configuration)) this.resources[key].method(verb, configuration[verb]);
    }
    return this.resources[key];
  }

  /** Same as `resource(path, configuration)`. */
  resourcePath(path, configuration) {
    return this.resource(path, configuration);
  }

  /** Same as `resource(path, configuration)`. */
  path(path, configuration) {
    return this.resource(path, configuration);
  }

  /** Every resource's configuration by path template. */
  configuration() {
    const result = {};
    for (const path of Object.keys(this.resources)) result[path] = this.resources[path].configuration();
    return result;
  }

  /** Removes every handler but those of GET, HEAD and OPTIONS. */
  readonly() {
    for (const path of Object.keys(this.resources)) this.resources[path].readonly();
    return this;
  }

  /** Removes the handlers of `path` and `verb` with these consumes and produces lists. */
  disable(path, verb, consumes, produces) {
    const resource = this.resources[normalize(path)];
    if (resource !== undefined) resource.disable(verb, consumes, produces);
    return this;
  }

  /** The handler of `path` and `verb` with exactly these consumes and produces lists, or `undefined`. */
  find(path, verb, consumes, produces) {
    const resource = this.resources[normalize(path)];
    return resource === undefined ? undefined : resource.find(verb, consumes, produces);
  }
}

module.exports = ResourceMappings;
