/**
 * `http/v4/rs`: Dirigible's REST services framework. A service is declared with a builder chain
 * and serves the current request with `execute()`:
 *
 *     rs.service().resource('items/{id}').get(handler).produces(['application/json']).execute();
 *
 * The resource path is `request.getResourcePath()` (the text after the script's `.js/`). When no
 * handler fits, `execute()` answers 404 (`ERR_RS_NOT_FOUND`), 405 with `Allow`
 * (`ERR_RS_METHOD_NOT_ALLOWED`), 415 (`ERR_RS_UNSUPPORTED_MEDIA_TYPE`) or 406
 * (`ERR_RS_NOT_ACCEPTABLE`) with a JSON body `{ status, error, code, message }`. A definition
 * mistake (a handler that is not a function, a malformed media type) throws a `TypeError` with code
 * `ERR_RS_DEFINITION`.
 */
declare module 'http/v4/rs' {
  import request = require('http/v4/request');
  import response = require('http/v4/response');

  namespace rs {
    /** The request handlers get by default: `http/v4/request` plus `json()`. */
    type HandlerRequest = typeof request & {
      /** The body parsed as JSON; `undefined` when it is not JSON (or empty). */
      json(): any;
    };
    /** The response handlers get by default: `http/v4/response` plus `json(value)`. */
    type HandlerResponse = typeof response & {
      /** Prints `value` as JSON under Content-Type `application/json`, replacing a type set before (as Dirigible's SDK `Response.json()`). */
      json(value: unknown): void;
    };

    /**
     * What `execute()` needs of a request object: `http/v4/request`, the SDK's `Request`
     * (`sdk/http/request`, whose answers for what is absent are `undefined`) or one of your own.
     */
    interface RequestObject {
      getResourcePath(): string;
      getMethod(): string;
      getContentType(): string | null | undefined;
      getHeader(name: string): string | null | undefined;
      getContentLength(): number;
      getQueryString(): string | null | undefined;
    }
    /** What `execute()` and `sendError()` need of a response object: `http/v4/response`, the SDK's `Response` or one of your own. */
    interface ResponseObject {
      setStatus(status: number): void;
      setHeader(name: string, value: string): void;
      getContentType(): string | null | undefined;
      setContentType(type: string): void;
      isCommitted(): boolean;
      print(text: unknown): void;
      flush(): void;
      sendError(status: number, message?: string): void;
    }

    /**
     * What a handler gets first: the request's parameters and the request and response objects.
     * `Req` and `Res` are the request and response objects the service hands its handlers:
     * `http/v4/request` and `http/v4/response` (plus `json`) for `http/v4/rs`, the SDK's `Request`
     * and `Response` for `sdk/http/rs`.
     */
    interface Context<Req extends RequestObject = HandlerRequest, Res extends ResponseObject = HandlerResponse> {
      /** Values of the template's parameters by name, decoded: `{id}` of `items/{id}` → `ctx.pathParameters.id`. */
      pathParameters: Record<string, string>;
      /** The query string's parameters: a name given once maps to its value, a repeated one to the array of values. */
      queryParameters: Record<string, string | string[]>;
      /** The request object `execute()` served (`Req`: by default `http/v4/request` plus `json()`, unless one was passed). */
      request: Req;
      /** Same as `request`. */
      req: Req;
      /** The response object `execute()` served (`Res`: by default `http/v4/response` plus `json(value)`, unless one was passed). */
      response: Res;
      /** Same as `response`. */
      res: Res;
    }

    /** A `serve`, `before` or `finally` function; `this` is the HttpController. */
    type Handler<Req extends RequestObject = HandlerRequest, Res extends ResponseObject = HandlerResponse> = (
      this: HttpController<Req, Res>,
      ctx: Context<Req, Res>,
      request: Req,
      response: Res,
      specification: HandlerSpecification<Req, Res>,
      controller: HttpController<Req, Res>,
    ) => void;

    /** A `catch` function: gets the error a `before` or `serve` function threw; `this` is the HttpController. */
    type CatchHandler<Req extends RequestObject = HandlerRequest, Res extends ResponseObject = HandlerResponse> = (
      this: HttpController<Req, Res>,
      ctx: Context<Req, Res>,
      error: any,
      request: Req,
      response: Res,
      specification: HandlerSpecification<Req, Res>,
      controller: HttpController<Req, Res>,
    ) => void;

    /** One handler as data, the form `service(configuration)` and `method(verb, configuration)` take. */
    interface HandlerSpecification<
      Req extends RequestObject = HandlerRequest,
      Res extends ResponseObject = HandlerResponse,
    > {
      /** Serves the request. */
      serve?: Handler<Req, Res>;
      /** Dirigible's other name of `serve`. */
      handler?: Handler<Req, Res>;
      /** Runs before `serve`; when it commits the response (e.g. `sendError`), `serve` is skipped. */
      before?: Handler<Req, Res>;
      /** Handles what `before` or `serve` threw; without it the error ends the request with a 500. */
      catch?: CatchHandler<Req, Res>;
      /** Runs last, whatever happened. */
      finally?: Handler<Req, Res>;
      /** Media types of request bodies it takes, matched against Content-Type; any when empty or absent. */
      consumes?: string[];
      /** Media types it answers with, matched against Accept; any when empty or absent. */
      produces?: string[];
    }

    /** Handlers by lower-case HTTP method: `{ get: [{ serve }] }`. */
    type ResourceConfiguration<
      Req extends RequestObject = HandlerRequest,
      Res extends ResponseObject = HandlerResponse,
    > = Record<string, HandlerSpecification<Req, Res>[]>;
    /** Resources by path template: `{ "items/{id}": { get: [{ serve }] } }`. */
    type ServiceConfiguration<
      Req extends RequestObject = HandlerRequest,
      Res extends ResponseObject = HandlerResponse,
    > = Record<string, ResourceConfiguration<Req, Res>>;
    /**
     * What the builder functions of a method take: the serve function, the handler as data, or an
     * array of handlers as data (Dirigible's REST guide writes `.get([{ serve }])`).
     */
    type ServeOrSpecification<
      Req extends RequestObject = HandlerRequest,
      Res extends ResponseObject = HandlerResponse,
    > = Handler<Req, Res> | HandlerSpecification<Req, Res> | HandlerSpecification<Req, Res>[];
    /** Two or more handlers of one method as data: the builder functions then return an array, a ResourceMethod for each. */
    type Specifications<Req extends RequestObject = HandlerRequest, Res extends ResponseObject = HandlerResponse> = [
      HandlerSpecification<Req, Res>,
      HandlerSpecification<Req, Res>,
      ...HandlerSpecification<Req, Res>[],
    ];
    /**
     * The builder function of one HTTP method (`get`, `post` …) on a Resource or ResourceMethod: a
     * function argument is the handler's `serve`, an object its specification. Returns the
     * handler's ResourceMethod, to chain on; an array of several specifications gives an array of
     * ResourceMethods, an array of one its ResourceMethod, an empty array `undefined` (as Dirigible).
     */
    interface MethodBuilder<Req extends RequestObject = HandlerRequest, Res extends ResponseObject = HandlerResponse> {
      (
        serve?: Handler<Req, Res> | HandlerSpecification<Req, Res> | [HandlerSpecification<Req, Res>],
      ): ResourceMethod<Req, Res>;
      (specifications: Specifications<Req, Res>): ResourceMethod<Req, Res>[];
      (
        specifications: HandlerSpecification<Req, Res>[],
      ): ResourceMethod<Req, Res> | ResourceMethod<Req, Res>[] | undefined;
    }

    /**
     * A new service, empty or from a ResourceMappings or a configuration object. Path templates:
     * `items/{id}` or `items/:id` (one segment), `files/{path*}` (any number of segments, joined
     * with `/`), `:path+` (at least one), `:id?` (optional), `:id(\d+)` (with a pattern), and
     * parameters between text in a segment (`{id}.json`, `:name.:ext`). A leading `/` is ignored; a
     * trailing `/` in a request is optional; a literal segment beats one with text or a pattern,
     * which beats a bare parameter.
     */
    function service(mappings?: ResourceMappings | ServiceConfiguration): HttpController;

    /** A REST service: its resources, and `execute()` to serve the current request. */
    class HttpController<Req extends RequestObject = HandlerRequest, Res extends ResponseObject = HandlerResponse> {
      constructor(mappings?: ResourceMappings | ServiceConfiguration);
      /** The resource of path template `path`, created on first use (optionally from `configuration`). */
      resource(path: string, configuration?: ResourceConfiguration<Req, Res>): Resource<Req, Res>;
      /** Same as `resource()`. */
      resourcePath(path: string, configuration?: ResourceConfiguration<Req, Res>): Resource<Req, Res>;
      /** The ResourceMappings of this service. */
      mappings(): ResourceMappings<Req, Res>;
      /**
       * Serves the current request (or the given request and response objects): picks the handler
       * by resource path, method (HEAD falls back to GET; OPTIONS without a handler answers 204 with
       * `Allow`), Content-Type and Accept; sets the negotiated type as Content-Type when the handler
       * produces a concrete one; runs `before`, `serve`, `catch`, `finally`. When nothing fits it
       * answers 404, 405 (with `Allow`), 415 or 406 with a coded JSON error.
       * @throws what a `before` or `serve` function threw when the handler has no `catch`
       */
      execute(request?: Req, response?: Res): void;
      /** Same as `execute()`. */
      listen(request?: Req, response?: Res): void;
      /** Adds a GET handler to the resource at `path`; returns the controller. */
      get(path: string, serve?: ServeOrSpecification<Req, Res>): HttpController<Req, Res>;
      /** Adds a POST handler to the resource at `path`; returns the controller. */
      post(path: string, serve?: ServeOrSpecification<Req, Res>): HttpController<Req, Res>;
      /** Adds a PUT handler to the resource at `path`; returns the controller. */
      put(path: string, serve?: ServeOrSpecification<Req, Res>): HttpController<Req, Res>;
      /** Adds a PATCH handler to the resource at `path`; returns the controller. */
      patch(path: string, serve?: ServeOrSpecification<Req, Res>): HttpController<Req, Res>;
      /** Adds a DELETE handler to the resource at `path`; returns the controller. */
      delete(path: string, serve?: ServeOrSpecification<Req, Res>): HttpController<Req, Res>;
      /** Same as `delete()`. */
      remove(path: string, serve?: ServeOrSpecification<Req, Res>): HttpController<Req, Res>;
      /** Adds a HEAD handler to the resource at `path`; returns the controller. */
      head(path: string, serve?: ServeOrSpecification<Req, Res>): HttpController<Req, Res>;
      /** Adds an OPTIONS handler to the resource at `path`; returns the controller. */
      options(path: string, serve?: ServeOrSpecification<Req, Res>): HttpController<Req, Res>;
      /** Adds a TRACE handler to the resource at `path`; returns the controller. */
      trace(path: string, serve?: ServeOrSpecification<Req, Res>): HttpController<Req, Res>;
      /** Adds a handler of any HTTP method (`PROPFIND` …) to the resource at `path`; returns the controller. */
      method(path: string, verb: string, serve?: ServeOrSpecification<Req, Res>): HttpController<Req, Res>;
      /**
       * Answers `httpErrorCode` with Dirigible's JSON error body `{ code, error, details }` and
       * commits the response, so a `before` function that calls it stops the request there.
       */
      sendError(httpErrorCode: number, applicationErrorCode?: unknown, errorName?: string, errorDetails?: string): void;
    }

    /** The resources of a service by path template. */
    class ResourceMappings<Req extends RequestObject = HandlerRequest, Res extends ResponseObject = HandlerResponse> {
      constructor(configuration?: ServiceConfiguration, controller?: HttpController);
      /** The resource of path template `path`, created on first use (optionally from `configuration`). */
      resource(path: string, configuration?: ResourceConfiguration<Req, Res>): Resource<Req, Res>;
      /** Same as `resource()`. */
      resourcePath(path: string, configuration?: ResourceConfiguration<Req, Res>): Resource<Req, Res>;
      /** Same as `resource()`. */
      path(path: string, configuration?: ResourceConfiguration<Req, Res>): Resource<Req, Res>;
      /** Every resource's handlers as data, by path template. */
      configuration(): ServiceConfiguration<Req, Res>;
      /** Removes every handler but those of GET, HEAD and OPTIONS; returns the mappings. */
      readonly(): ResourceMappings<Req, Res>;
      /** Removes the handlers of `path` and `verb` with exactly these consumes and produces lists. */
      disable(path: string, verb?: string, consumes?: string[], produces?: string[]): ResourceMappings<Req, Res>;
      /** The handler of `path` and `verb` with exactly these consumes and produces lists, or `undefined`. */
      find(path: string, verb?: string, consumes?: string[], produces?: string[]): ResourceMethod<Req, Res> | undefined;
    }

    /**
     * The handler builders of a resource, on the Resource and on each of its ResourceMethods (there
     * they add to the same resource, so a chain goes on: `.get(list).post(add)`).
     */
    interface HandlerBuilders<
      Req extends RequestObject = HandlerRequest,
      Res extends ResponseObject = HandlerResponse,
    > {
      /** The GET handler: a function argument is its `serve`, an object its specification. */
      get: MethodBuilder<Req, Res>;
      /** The POST handler. */
      post: MethodBuilder<Req, Res>;
      /** The PUT handler. */
      put: MethodBuilder<Req, Res>;
      /** The PATCH handler. */
      patch: MethodBuilder<Req, Res>;
      /** The DELETE handler. */
      delete: MethodBuilder<Req, Res>;
      /** Same as `delete()`. */
      remove: MethodBuilder<Req, Res>;
      /** The HEAD handler (without one, HEAD is served by the GET handler). */
      head: MethodBuilder<Req, Res>;
      /** The OPTIONS handler (without one, OPTIONS answers 204 with `Allow`). */
      options: MethodBuilder<Req, Res>;
      /** The TRACE handler. */
      trace: MethodBuilder<Req, Res>;
      /**
       * The handler of any HTTP method; with specifications, the one with the same consumes and
       * produces is updated, or a new one added. An array of several gives an array of
       * ResourceMethods, an array of one its ResourceMethod, an empty array `undefined` (as Dirigible).
       */
      method(
        verb: string,
        configuration?: HandlerSpecification<Req, Res> | [HandlerSpecification<Req, Res>],
      ): ResourceMethod<Req, Res>;
      method(verb: string, configuration: Specifications<Req, Res>): ResourceMethod<Req, Res>[];
      method(
        verb: string,
        configuration: HandlerSpecification<Req, Res>[],
      ): ResourceMethod<Req, Res> | ResourceMethod<Req, Res>[] | undefined;
    }

    /** The handler builders of a Resource (`HandlerBuilders`), declared once for both classes. */
    interface Resource<Req extends RequestObject = HandlerRequest, Res extends ResponseObject = HandlerResponse>
      extends HandlerBuilders<Req, Res> {}
    /** One path template of a service and its handlers by HTTP method. */
    class Resource<Req extends RequestObject = HandlerRequest, Res extends ResponseObject = HandlerResponse> {
      constructor(
        path: string,
        configuration?: ResourceConfiguration,
        controller?: HttpController,
        mappings?: ResourceMappings,
      );
      /** The path template. */
      path(): string;
      /** Sets the path template; returns the resource. */
      path(path: string): Resource<Req, Res>;
      /** The handlers as data, by lower-case method. */
      configuration(): ResourceConfiguration<Req, Res>;
      /** The handler of `verb` with exactly these consumes and produces lists, or `undefined`. */
      find(verb?: string, consumes?: string[], produces?: string[]): ResourceMethod<Req, Res> | undefined;
      /** Removes the handlers of `verb` (every method when absent) with these consumes and produces lists. */
      disable(verb?: string, consumes?: string[], produces?: string[]): Resource<Req, Res>;
      /** Removes every handler but those of GET, HEAD and OPTIONS. */
      readonly(): Resource<Req, Res>;
      /** Serves the current request (the controller's `execute()`). */
      execute(request?: Req, response?: Res): void;
    }

    /** The handler builders of a ResourceMethod (`HandlerBuilders`), declared once for both classes. */
    interface ResourceMethod<Req extends RequestObject = HandlerRequest, Res extends ResponseObject = HandlerResponse>
      extends HandlerBuilders<Req, Res> {}
    /** One handler: its phases and media types. Every setter returns it, for chaining. */
    class ResourceMethod<Req extends RequestObject = HandlerRequest, Res extends ResponseObject = HandlerResponse> {
      constructor(
        configuration: HandlerSpecification,
        controller?: HttpController,
        resource?: Resource,
        mappings?: ResourceMappings,
      );
      /** The handler as data. */
      configuration(): HandlerSpecification<Req, Res>;
      /** Adds media types of request bodies it takes (Content-Type; wildcards such as `*\/json` allowed). */
      consumes(mimeTypes: string | string[]): ResourceMethod<Req, Res>;
      /** Adds media types it answers with (Accept; the first concrete one is set as Content-Type). */
      produces(mimeTypes: string | string[]): ResourceMethod<Req, Res>;
      /** Sets the function that runs before `serve`. */
      before(handler: Handler<Req, Res>): ResourceMethod<Req, Res>;
      /** Sets the function that serves the request. */
      serve(handler: Handler<Req, Res>): ResourceMethod<Req, Res>;
      /** Sets the function that handles what `before` or `serve` threw. */
      catch(handler: CatchHandler<Req, Res>): ResourceMethod<Req, Res>;
      /** Sets the function that runs last, whatever happened. */
      finally(handler: Handler<Req, Res>): ResourceMethod<Req, Res>;
      /** Another resource of the same service (chaining on). */
      resource(path: string, configuration?: ResourceConfiguration<Req, Res>): Resource<Req, Res>;
      /** Same as `resource()`. */
      resourcePath(path: string, configuration?: ResourceConfiguration<Req, Res>): Resource<Req, Res>;
      /** Same as `resource()`. */
      path(path: string, configuration?: ResourceConfiguration<Req, Res>): Resource<Req, Res>;
      /** Serves the current request (the controller's `execute()`). */
      execute(request?: Req, response?: Res): void;
    }
  }
  export = rs;
}
