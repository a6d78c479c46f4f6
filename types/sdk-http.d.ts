/**
 * `sdk/http` (Dirigible's newer SDK, for ES module scripts): the HTTP classes, each also under its
 * lower-case name: `import { session, request, response } from "sdk/http"`; the REST framework as
 * `rs`; the decorators of TypeScript services, also as `decorators`.
 */
declare module 'sdk/http' {
  export { Session, Session as session } from 'sdk/http/session';
  export { Request, Request as request } from 'sdk/http/request';
  export { Response, Response as response } from 'sdk/http/response';
  /** The REST framework: `rs.service().resource("items/{id}").get(handler).execute()`. */
  export * as rs from 'sdk/http/rs';
  /** The decorators `Controller`, `Get`, `Post`, `Put`, `Patch`, `Delete`, `Head`, `Options`. */
  export * as decorators from 'sdk/http/decorators';
  export { Controller, Get, Post, Put, Patch, Delete, Head, Options } from 'sdk/http/decorators';
}
