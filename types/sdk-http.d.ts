/**
 * `sdk/http` (Dirigible's newer SDK; also `@dirigible/http` and `@aerokit/sdk/http`): the HTTP
 * classes, each also under its lower-case name:
 * `import { session, request, response, upload, client } from "sdk/http"`, or `require("sdk/http")`; the REST
 * framework as `rs`; the decorators of TypeScript services, also as `decorators`; the newest SDK's
 * `errors` and `utils` (the `HttpUtils` class).
 */
declare module 'sdk/http' {
  import { Session } from 'sdk/http/session';
  import { Request } from 'sdk/http/request';
  import { Response } from 'sdk/http/response';
  import { Upload } from 'sdk/http/upload';
  import { HttpClient } from 'sdk/http/client';
  import { HttpUtils } from 'sdk/http/utils';
  export { Session, Session as session, Request, Request as request, Response, Response as response };
  export { Upload, Upload as upload, HttpClient, HttpClient as client };
  /** The REST framework: `rs.service().resource("items/{id}").get(handler).execute()`. */
  export * as rs from 'sdk/http/rs';
  /** The decorators `Controller`, `Get`, `Post`, `Put`, `Patch`, `Delete`, `Head`, `Options`. */
  export * as decorators from 'sdk/http/decorators';
  export { Controller, Documentation, Get, Post, Put, Patch, Delete, Head, Options } from 'sdk/http/decorators';
  /** The newest SDK's error classes: `ValidationError`, `ForbiddenError`. */
  export * as errors from 'sdk/http/errors';
  /** The newest SDK's `HttpUtils` class (standard JSON answers). */
  export { HttpUtils as utils };
  /** Every export as one object (`import http from "sdk/http"`). */
  const exports: {
    Session: typeof Session;
    session: typeof Session;
    Request: typeof Request;
    request: typeof Request;
    Response: typeof Response;
    response: typeof Response;
    Upload: typeof Upload;
    upload: typeof Upload;
    HttpClient: typeof HttpClient;
    client: typeof HttpClient;
    rs: typeof import('sdk/http/rs');
    decorators: typeof import('sdk/http/decorators');
    errors: typeof import('sdk/http/errors');
    utils: typeof HttpUtils;
  };
  export default exports;
}
