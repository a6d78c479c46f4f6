/**
 * `sdk/http` (Dirigible's newer SDK; also `@dirigible/http` and `@aerokit/sdk/http`): the HTTP
 * classes, each also under its lower-case name:
 * `import { session, request, response } from "sdk/http"`, or `require("sdk/http")`.
 */
declare module 'sdk/http' {
  import { Session } from 'sdk/http/session';
  import { Request } from 'sdk/http/request';
  import { Response } from 'sdk/http/response';
  export { Session, Session as session, Request, Request as request, Response, Response as response };
  /** Every export as one object (`import http from "sdk/http"`). */
  const exports: {
    Session: typeof Session;
    session: typeof Session;
    Request: typeof Request;
    request: typeof Request;
    Response: typeof Response;
    response: typeof Response;
  };
  export default exports;
}
