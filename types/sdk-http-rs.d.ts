/**
 * `sdk/http/rs` (Dirigible's newer SDK, for ES module scripts): the REST framework of `http/v4/rs`,
 * whose handlers get by default the SDK's `Request` and `Response` (`sdk/http/request`,
 * `sdk/http/response`), as on Dirigible 10: `getHeader()` of an absent header is `undefined`,
 * `getJSON()` of a body that is not JSON `undefined`. The types here are those of `http/v4/rs` over
 * the SDK's classes:
 *
 *     import { service, type Context } from "sdk/http/rs";
 *     service().resource("items/{id}").get((ctx: Context, request) => request.getHeader("Accept") ?? "*\/*");
 */
declare module 'sdk/http/rs' {
  import rs = require('http/v4/rs');
  import SdkRequest = require('sdk/http/request');
  import SdkResponse = require('sdk/http/response');

  /** The request handlers get: the SDK's `Request` class (`sdk/http/request`). */
  export type HandlerRequest = typeof SdkRequest;
  /** The response handlers get: the SDK's `Response` class (`sdk/http/response`). */
  export type HandlerResponse = typeof SdkResponse;
  /** What a handler gets first: the request's parameters and the SDK's `Request` and `Response`. */
  export type Context = rs.Context<HandlerRequest, HandlerResponse>;
  /** A `serve`, `before` or `finally` function; `this` is the HttpController. */
  export type Handler = rs.Handler<HandlerRequest, HandlerResponse>;
  /** A `catch` function: gets the error a `before` or `serve` function threw. */
  export type CatchHandler = rs.CatchHandler<HandlerRequest, HandlerResponse>;
  /** One handler as data. */
  export type HandlerSpecification = rs.HandlerSpecification<HandlerRequest, HandlerResponse>;
  /** Handlers by lower-case HTTP method: `{ get: [{ serve }] }`. */
  export type ResourceConfiguration = rs.ResourceConfiguration<HandlerRequest, HandlerResponse>;
  /** Resources by path template: `{ "items/{id}": { get: [{ serve }] } }`. */
  export type ServiceConfiguration = rs.ServiceConfiguration<HandlerRequest, HandlerResponse>;
  /** The serve function, the handler as data, or an array of handlers as data. */
  export type ServeOrSpecification = rs.ServeOrSpecification<HandlerRequest, HandlerResponse>;
  /** The builder function of one HTTP method on a Resource or ResourceMethod. */
  export type MethodBuilder = rs.MethodBuilder<HandlerRequest, HandlerResponse>;

  /** A new service, empty or from a ResourceMappings or a configuration object; see `http/v4/rs`. */
  export function service(mappings?: ResourceMappings | ServiceConfiguration): HttpController;
  /**
   * A REST service (a subclass of http/v4/rs's, serving with the SDK's Request and Response unless
   * `execute()` is given others); see `http/v4/rs`.
   */
  export class HttpController extends rs.HttpController<HandlerRequest, HandlerResponse> {
    constructor(mappings?: ResourceMappings | ServiceConfiguration);
  }
  /**
   * The resources of a service by path template: http/v4/rs's class itself
   * (`ResourceMappings === require("http/v4/rs").ResourceMappings`), typed for handlers that get the SDK's Request
   * and Response; see `http/v4/rs`.
   */
  export class ResourceMappings extends rs.ResourceMappings<HandlerRequest, HandlerResponse> {
    constructor(configuration?: ServiceConfiguration, controller?: HttpController);
  }
  /**
   * One path template of a service and its handlers: http/v4/rs's class itself
   * (`Resource === require("http/v4/rs").Resource`), typed for handlers that get the SDK's Request
   * and Response; see `http/v4/rs`.
   */
  export class Resource extends rs.Resource<HandlerRequest, HandlerResponse> {
    constructor(
      path: string,
      configuration?: ResourceConfiguration,
      controller?: HttpController,
      mappings?: ResourceMappings,
    );
  }
  /**
   * One handler of a service: http/v4/rs's class itself
   * (`ResourceMethod === require("http/v4/rs").ResourceMethod`), typed for handlers that get the SDK's Request
   * and Response; see `http/v4/rs`.
   */
  export class ResourceMethod extends rs.ResourceMethod<HandlerRequest, HandlerResponse> {
    constructor(
      configuration: HandlerSpecification,
      controller?: HttpController,
      resource?: Resource,
      mappings?: ResourceMappings,
    );
  }
  /** Every export as one object (`import rs from "sdk/http/rs"`, `require("sdk/http/rs")`). */
  const exports: {
    service: typeof service;
    HttpController: typeof HttpController;
    ResourceMappings: typeof ResourceMappings;
    Resource: typeof Resource;
    ResourceMethod: typeof ResourceMethod;
  };
  export default exports;
}
