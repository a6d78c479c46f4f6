/**
 * `sdk/http/request` (Dirigible's newer SDK): the `Request` class. `require("sdk/http/request")`
 * gives the class itself, as Dirigible's SDK modules export it; `import { Request } from
 * "sdk/http/request"` and `require("sdk/http/request").Request` give it too.
 */
declare module 'sdk/http/request' {
  import v4 = require('http/v4/request');
  type Functions = typeof v4;
  /** The request being served as static methods, each the `http/v4/request` function of that name, and `json()`. */
  interface RequestClass extends Functions {
    /**
     * The body parsed as JSON (as `getJSON()`); `null` when the body is empty.
     * @throws SyntaxError when the body is not JSON
     */
    json(): any;
    /** The class itself, for `import { Request }` and `require("sdk/http/request").Request`. */
    readonly Request: RequestClass;
  }
  const Request: RequestClass;
  export = Request;
}
