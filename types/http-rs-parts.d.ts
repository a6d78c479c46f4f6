/**
 * The parts of the REST framework `http/v4/rs`, each a module of its own as the framework requires
 * them (`http/rs/resource` …). Scripts use `http/v4/rs` (or `http/rs`, `sdk/http/rs`); the parts are
 * declared so that every module name a script may require has types. The classes are those of
 * `http/v4/rs`; the helpers are the framework's own and may change between releases.
 */
declare module 'http/rs/http-controller' {
  import rs = require('http/v4/rs');
  /** A REST service; see `http/v4/rs`. */
  const HttpController: typeof rs.HttpController;
  export = HttpController;
}

declare module 'http/rs/resource-mappings' {
  import rs = require('http/v4/rs');
  /** The resources of a service by path template; see `http/v4/rs`. */
  const ResourceMappings: typeof rs.ResourceMappings;
  export = ResourceMappings;
}

declare module 'http/rs/resource' {
  import rs = require('http/v4/rs');
  /** One path template of a service and its handlers; see `http/v4/rs`. */
  const Resource: typeof rs.Resource;
  export = Resource;
}

declare module 'http/rs/resource-method' {
  import rs = require('http/v4/rs');
  /** One handler; see `http/v4/rs`. */
  const ResourceMethod: typeof rs.ResourceMethod;
  export = ResourceMethod;
}

declare module 'http/rs/dispatch' {
  import rs = require('http/v4/rs');
  namespace dispatch {
    /** What dispatch needs of a request. */
    interface DispatchRequest {
      /** The resource path (`request.getResourcePath()`). */
      path: string;
      /** The HTTP method. */
      method: string;
      /** The Content-Type header; `null` when absent. */
      contentType: string | null;
      /** True when the request has a body. */
      hasBody: boolean;
      /** The Accept header; `null` when absent. */
      accept: string | null;
    }
    /** The handler that serves the request, or why there is none. */
    type Dispatch =
      | {
          kind: 'serve';
          spec: rs.HandlerSpecification;
          template: string;
          pathParameters: Record<string, string>;
          /** The concrete media type to answer with, when the handler produces one. */
          type: string | null;
        }
      | { kind: 'not-found' }
      | { kind: 'method-not-allowed' | 'options'; allow: string[] }
      | { kind: 'unsupported'; consumes: string[] }
      | { kind: 'not-acceptable'; produces: string[] };
  }
  /** Picks the handler of `request` from a service's configuration, as JAX-RS does (docs/http-rs.md). */
  function dispatch(configuration: rs.ServiceConfiguration, request: dispatch.DispatchRequest): dispatch.Dispatch;
  export = dispatch;
}

declare module 'http/rs/path-template' {
  /** A compiled path template. */
  interface CompiledTemplate {
    /** The template without leading or trailing `/`. */
    template: string;
    /** Number of literal segments (more wins when several templates match). */
    literals: number;
    /** Number of segments of text and parameters, or with a pattern (more wins after `literals`). */
    constrained: number;
    /** Number of segments that are not literal (fewer wins). */
    parameters: number;
    /** The path parameters of a path already split by `segmentsOf`, or `null` when it does not match. */
    matchSegments(segments: string[]): Record<string, string> | null;
    /** The path parameters of `path`, or `null` when it does not match. */
    match(path: string): Record<string, string> | null;
  }
  /**
   * Compiles a template: `items/{id}`, `items/:id`, `files/{path*}`, `:path+`, `:id?`, `:id(\d+)`,
   * `{id}.json`, `:name.:ext`. A bad pattern throws `ERR_RS_DEFINITION`.
   */
  export function compile(template: string): CompiledTemplate;
  /** The segments of a path, without empty leading or trailing ones. */
  export function segmentsOf(path: string): string[];
  /** The template without leading or trailing `/`. */
  export function normalize(template: string): string;
}

declare module 'http/rs/media-types' {
  /** A media range: `application/json` is `{ type: "application", subtype: "json" }`. */
  interface MediaRange {
    type: string;
    subtype: string;
  }
  /** One range of an Accept header. */
  interface AcceptedRange {
    range: MediaRange;
    /** Its `q`, 1 by default; 0 means not acceptable. */
    quality: number;
    /** Its position in the header. */
    index: number;
  }
  /** The range of a media type such as `application/json; charset=utf-8` (parameters ignored), or `null`. */
  export function parse(text: string): MediaRange | null;
  /** True when two media ranges overlap (either may hold wildcards). */
  export function compatible(a: string | MediaRange, b: string | MediaRange): boolean;
  /** The ranges of an Accept header, best quality first; `[]` for an absent or empty header. */
  export function acceptList(header: string | null | undefined): AcceptedRange[];
  /** True when a handler that consumes `consumes` takes a body of `contentType` (`null`: none given). */
  export function consumable(consumes: string[] | undefined, contentType: string | null): boolean;
  /** The quality at which `accepted` takes what a handler produces, and the concrete type to answer with. */
  export function acceptance(
    produces: string[] | undefined,
    accepted: AcceptedRange[],
  ): { quality: number; type: string | null };
}

declare module 'http/rs/query-parameters' {
  /**
   * The parameters of a query string (without `?`): a name given once maps to its value, a
   * repeated one to the array of its values; `+` is a space, %-escapes are decoded.
   */
  const queryParameters: (queryString: string | null | undefined) => Record<string, string | string[]>;
  export = queryParameters;
}

declare module 'http/rs/definition-error' {
  /**
   * Throws a `TypeError` coded `ERR_RS_DEFINITION` with `message`: the error of a service
   * definition mistake.
   */
  const invalid: (message: string) => never;
  export = invalid;
}

declare module 'http/rs/handler-objects' {
  import rs = require('http/v4/rs');
  /** The request handlers get by default: `http/v4/request` with the SDK's `json()` (`undefined` for a body that is not JSON). */
  export const request: rs.HandlerRequest;
  /** The response handlers get by default: `http/v4/response` (its `json(value)` included). */
  export const response: rs.HandlerResponse;
}

declare module 'http/rs/decorator-set' {
  /**
   * The decorators over an rs module (`http/v4/rs` for `http/rs/decorators`, `sdk/http/rs` for
   * `sdk/http/decorators`): its services hand methods their request and response.
   */
  const decoratorSet: (rs: { service(): unknown }) => typeof import('sdk/http/decorators').default;
  export = decoratorSet;
}

/**
 * `http/rs/decorators` (Dirigible 9's, for TypeScript services compiled to CommonJS): the decorators
 * of `sdk/http/decorators` over `http/v4/rs`, whose methods get the `http/v4` request and response
 * plus `json()` (an absent header is `null`), which the types `Context`, `HandlerRequest`,
 * `HandlerResponse` and `RouteHandler` here name.
 */
declare module 'http/rs/decorators' {
  import rs = require('http/v4/rs');
  export {
    Controller,
    Documentation,
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
    default,
  } from 'sdk/http/decorators';
  /** The request a decorated method gets: `http/v4/request` plus `json()`. */
  export type HandlerRequest = rs.HandlerRequest;
  /** The response a decorated method gets: `http/v4/response` plus `json(value)`. */
  export type HandlerResponse = rs.HandlerResponse;
  /** The rs context a decorated method gets second. */
  export type Context = rs.Context;
  /** What a decorated method is called with: the body parsed as JSON, the rs context, the request and the response. */
  export type RouteHandler = (body: any, ctx: Context, request: HandlerRequest, response: HandlerResponse) => unknown;
}
