/**
 * `sdk/http/decorators` (Dirigible 10, for TypeScript services; also exported by `sdk/http`):
 *
 *     @Controller
 *     class Items {
 *       @Get('/:id') byId(_body: unknown, ctx: Context) { return find(ctx.pathParameters.id); }
 *     }
 *
 * Route decorators record their method; `@Controller` creates one instance of the class, builds an
 * `rs` service of its routes and serves the current request at once. A handler is called with
 * `(body, ctx, request, response)`: the body parsed as JSON (`undefined` when it is not JSON), the
 * rs context, and the SDK's `Request` and `Response` (as `sdk/http/rs` hands them; the types
 * `Context`, `HandlerRequest` and `HandlerResponse` here name them, and `RouteHandler` the whole
 * method); `this` is the instance (the class for a static method). A returned value other than `undefined` is sent as JSON; returning a
 * promise throws `ERR_RS_DEFINITION` (handlers run synchronously). Works with TC39 decorators and
 * with TypeScript's `experimentalDecorators`. No route fits: 404, 405, 415 or 406 as in `http/v4/rs`.
 * `@Documentation(text)` (the newest SDK) describes a controller or a method and changes nothing.
 */
declare module 'sdk/http/decorators' {
  import rs = require('sdk/http/rs');
  /** The request a decorated method gets: the SDK's `Request` class (`sdk/http/request`). */
  export type HandlerRequest = rs.HandlerRequest;
  /** The response a decorated method gets: the SDK's `Response` class (`sdk/http/response`). */
  export type HandlerResponse = rs.HandlerResponse;
  /** The rs context a decorated method gets second: `ctx.pathParameters`, `ctx.queryParameters` … */
  export type Context = rs.Context;
  /**
   * What a decorated method is called with: the body parsed as JSON (`undefined` when it is not
   * JSON), the rs context, the request and the response. A returned value other than `undefined`
   * is sent as JSON.
   * @example @Get("/:id") byId(_body: unknown, ctx: Context, request: HandlerRequest) { … }
   */
  export type RouteHandler = (body: any, ctx: Context, request: HandlerRequest, response: HandlerResponse) => unknown;
  /** A route decorator: `consumes` defaults to `["*\/*"]`, `produces` to `["application/json"]`. */
  type RouteDecorator = (path?: string, consumes?: string | string[], produces?: string | string[]) => any;

  /** Class decorator: serves the current request with the routes of the class's decorated methods. */
  export function Controller(controllerClass: new () => any, context?: unknown): void;
  /** Describes a controller class or a handler method for API documentation; changes nothing when serving. */
  export function Documentation(text: string): (target: unknown, context?: unknown, descriptor?: unknown) => void;
  /** Serves GET requests at `path` (a template: `/`, `/:id`, `/{id}`, `/files/{path*}`). */
  export const Get: RouteDecorator;
  /** Serves POST requests at `path`. */
  export const Post: RouteDecorator;
  /** Serves PUT requests at `path`. */
  export const Put: RouteDecorator;
  /** Serves PATCH requests at `path`. */
  export const Patch: RouteDecorator;
  /** Serves DELETE requests at `path`. */
  export const Delete: RouteDecorator;
  /** Serves HEAD requests at `path` (without it, HEAD is served by the GET route). */
  export const Head: RouteDecorator;
  /** Serves OPTIONS requests at `path` (without it, OPTIONS answers 204 with `Allow`). */
  export const Options: RouteDecorator;
  /** Every export as one object (`import decorators from "sdk/http/decorators"`, `require("sdk/http/decorators")`). */
  const exports: {
    Controller: typeof Controller;
    Documentation: typeof Documentation;
    Get: typeof Get;
    Post: typeof Post;
    Put: typeof Put;
    Patch: typeof Patch;
    Delete: typeof Delete;
    Head: typeof Head;
    Options: typeof Options;
  };
  export default exports;
}
