/**
 * `net/http/response` (Eclipse Dirigible API v2): the response functions v2 documented and the
 * status constants. Those v4 also has behave as there; `writeOutput(bytes)` is v4's `write(bytes)`.
 * v2's stream functions (`getOutputStream`, `writeStream`) are not provided.
 */
declare module 'net/http/response' {
  import v4 = require('http/v4/response');
  namespace response {
    /** The v2 response: these functions and the status constants of `http/v4/response`, and `writeOutput`. */
    interface Response
      extends Omit<
        typeof v4,
        | 'isValid'
        | 'json'
        | 'write'
        | 'isCommitted'
        | 'getStatus'
        | 'getHeader'
        | 'getHeaders'
        | 'getHeaderNames'
        | 'encodeURL'
        | 'encodeRedirectURL'
        | 'setLocale'
        | 'getLocale'
        | 'reset'
        | 'HttpCodesReasons'
      > {
      /** Appends bytes (numbers 0–255, each taken modulo 256) to the body as they are (v4: `write`). */
      writeOutput(bytes: ArrayLike<number>): void;
    }
  }
  const response: response.Response;
  export = response;
}
