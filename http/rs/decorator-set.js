/*
 * http/rs/decorator-set: Dirigible's decorators for TypeScript services, over an rs module:
 *
 *   @Controller
 *   class Items {
 *     @Get('/:id') byId(_body, ctx) { return find(ctx.pathParameters.id); }
 *   }
 *
 * Each route decorator records its method; `@Controller` builds a service of those routes,
 * creates one instance of the class and serves the current request at once. A handler is called
 * with (body, ctx, request, response), `this` being that instance (the class for a static
 * method); what it returns, unless undefined, is sent as JSON. Both decorator conventions work:
 * TC39 decorators `(value, context)` and TypeScript's experimentalDecorators
 * `(target, key, descriptor)`. `@Documentation(text)` (the newest SDK) describes a class or a
 * method and changes nothing. http/rs/decorators is the set over http/v4/rs (Dirigible 9's
 * CommonJS decorators), sdk/http/decorators the set over sdk/http/rs (Dirigible 10's SDK).
 */
'use strict';
const invalid = require('http/rs/definition-error');

/**
 * The decorators over `rs` (a module with `service()`): its services hand methods their request
 * and response objects.
 */
module.exports = function decoratorSet(rs) {
  // Routes of the class being defined: its method decorators run before its class decorator.
  let pending = [];

  function mediaTypes(decorator, value, fallback) {
    if (value === undefined) return fallback;
    if (typeof value === 'string') return [value];
    if (Array.isArray(value) && value.every((type) => typeof type === 'string')) return value;
    return invalid(decorator + ': media types must be a string or an array of strings');
  }

  /** The factory of the route decorator of HTTP method `verb` (`@Get(path, consumes?, produces?)`). */
  function route(verb, decorator) {
    return function factory(path, consumes, produces) {
      if (path !== undefined && typeof path !== 'string') {
        invalid(decorator + ': expected a path string, as in @' + decorator + '("/items/:id")');
      }
      const definition = {
        verb,
        path: path === undefined ? '' : path,
        consumes: mediaTypes(decorator, consumes, ['*/*']),
        produces: mediaTypes(decorator, produces, ['application/json']),
      };
      return function decorate(target, contextOrKey, descriptor) {
        if (contextOrKey !== null && typeof contextOrKey === 'object' && typeof contextOrKey.kind === 'string') {
          if (contextOrKey.kind !== 'method')
            invalid('@' + decorator + ' decorates a method, not a ' + contextOrKey.kind);
          pending.push({ ...definition, fn: target, name: contextOrKey.name, isStatic: contextOrKey.static === true });
          return undefined;
        }
        const fn = descriptor !== undefined && descriptor !== null ? descriptor.value : target[contextOrKey];
        if (typeof fn !== 'function') invalid('@' + decorator + ' decorates a method');
        pending.push({ ...definition, fn, name: contextOrKey, isStatic: typeof target === 'function' });
        return undefined;
      };
    };
  }

  /** Class decorator: serves the current request with the routes of the class's decorated methods. */
  function Controller(controllerClass, context) {
    if (typeof controllerClass !== 'function') invalid('@Controller decorates a class');
    const taken = pending;
    pending = [];
    // Only this class's routes: a class whose definition failed half-way leaves none behind.
    const routes = taken.filter(
      (entry) => (entry.isStatic ? controllerClass : controllerClass.prototype)[entry.name] === entry.fn,
    );
    const serve = (cls) => serveRoutes(cls, routes);
    if (context !== null && typeof context === 'object' && typeof context.addInitializer === 'function') {
      // TC39: run once the class is complete, static fields included.
      context.addInitializer(function initialized() {
        serve(this);
      });
    } else serve(controllerClass);
    return undefined;
  }

  function serveRoutes(cls, routes) {
    const instance = new cls();
    const service = rs.service();
    for (const entry of routes) {
      const self = entry.isStatic ? cls : instance;
      service
        .resource(entry.path)
        [entry.verb]((ctx, req, res) => {
          const result = entry.fn.apply(self, [req.json(), ctx, req, res]);
          if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
            invalid(String(entry.name) + ' returned a promise: @Controller handlers run synchronously');
          }
          if (result !== undefined && !res.isCommitted()) res.json(result);
        })
        .consumes(entry.consumes)
        .produces(entry.produces);
    }
    service.execute();
  }

  /**
   * `@Documentation(text)` on a controller class or a method: a description for API documentation,
   * which the newest SDK's generated controllers carry. It changes nothing when serving.
   */
  function Documentation(_text) {
    return function document() {
      return undefined;
    };
  }

  return {
    Controller,
    Documentation,
    Get: route('get', 'Get'),
    Post: route('post', 'Post'),
    Put: route('put', 'Put'),
    Patch: route('patch', 'Patch'),
    Delete: route('delete', 'Delete'),
    Head: route('head', 'Head'),
    Options: route('options', 'Options'),
  };
};
