/*
 * sdk/http: the HTTP classes of Dirigible's newer SDK, each also under its lower-case name:
 * `import { session, request, response } from "sdk/http"`; the REST framework as `rs`, and the
 * decorators of TypeScript services (`Controller`, `Get` …, also as `decorators`).
 */
export { Session, Session as session } from 'sdk/http/session';
export { Request, Request as request } from 'sdk/http/request';
export { Response, Response as response } from 'sdk/http/response';
export * as rs from 'sdk/http/rs';
export * as decorators from 'sdk/http/decorators';
export { Controller, Get, Post, Put, Patch, Delete, Head, Options } from 'sdk/http/decorators';
