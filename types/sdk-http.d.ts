/**
 * `sdk/http` (Dirigible's newer SDK, for ES module scripts): the HTTP classes, each also under its
 * lower-case name: `import { session, request, response } from "sdk/http"`.
 */
declare module 'sdk/http' {
  export { Session, Session as session } from 'sdk/http/session';
  export { Request, Request as request } from 'sdk/http/request';
  export { Response, Response as response } from 'sdk/http/response';
}
