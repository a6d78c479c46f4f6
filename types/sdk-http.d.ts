/**
 * `sdk/http` (Dirigible's newer SDK, for ES module scripts): the HTTP classes, each also under its
 * lower-case name: `import { session, request, response, upload, client } from "sdk/http"`.
 */
declare module 'sdk/http' {
  export { Session, Session as session } from 'sdk/http/session';
  export { Request, Request as request } from 'sdk/http/request';
  export { Response, Response as response } from 'sdk/http/response';
  export { Upload, Upload as upload } from 'sdk/http/upload';
  export { HttpClient, HttpClient as client } from 'sdk/http/client';
}
