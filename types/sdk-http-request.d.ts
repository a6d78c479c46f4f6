/** `sdk/http/request` (Dirigible's newer SDK): the `Request` class. */
declare module 'sdk/http/request' {
  import v4 = require('http/v4/request');
  /** The request being served as static methods, each the `http/v4/request` function of that name, and `json()`. */
  export const Request: typeof v4 & {
    /**
     * The body parsed as JSON (as `getJSON()`); `null` when the body is empty.
     * @throws SyntaxError when the body is not JSON
     */
    json(): any;
  };
}
