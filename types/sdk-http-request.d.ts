/**
 * `sdk/http/request` (Dirigible's newer SDK): the `Request` class. `require("sdk/http/request")`
 * gives the class itself, as Dirigible's SDK modules export it; `import { Request } from
 * "sdk/http/request"` and `require("sdk/http/request").Request` give it too.
 */
declare module 'sdk/http/request' {
  import v4 = require('http/v4/request');
  type Functions = Omit<typeof v4, 'getJSON' | 'json'>;
  /**
   * The request being served as static methods, each the `http/v4/request` function of that name,
   * but `getJSON()`, which answers as Dirigible 10's SDK does, and `json()`.
   */
  interface RequestClass extends Functions {
    /**
     * The body parsed as JSON; `undefined` when it is not JSON, an empty body included (Dirigible
     * 10's SDK; `http/v4/request`'s `getJSON()` answers `null` for an empty body and throws for
     * one that is not JSON).
     * @example const item = Request.getJSON(); if (item === undefined) Response.setStatus(Response.BAD_REQUEST);
     */
    getJSON(): any;
    /** The body parsed as JSON, as `getJSON()`: `undefined` when it is not JSON. */
    json(): any;
    /** The class itself, for `import { Request }` and `require("sdk/http/request").Request`. */
    readonly Request: RequestClass;
  }
  const Request: RequestClass;
  export = Request;
}
