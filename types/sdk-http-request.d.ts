/**
 * `sdk/http/request` (Dirigible's newer SDK): the `Request` class. `require("sdk/http/request")`
 * gives the class itself, as Dirigible's SDK modules export it; `import { Request } from
 * "sdk/http/request"` and `require("sdk/http/request").Request` give it too.
 */
declare module 'sdk/http/request' {
  import v4 = require('http/v4/request');
  type Functions = Omit<typeof v4, 'getJSON' | 'json' | 'getHeader' | 'getAttribute'>;
  /**
   * The request being served as static methods, each the `http/v4/request` function of that name,
   * but `getJSON()`, `json()`, `getHeader()` and `getAttribute()`, which answer as Dirigible 10's
   * SDK does.
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
    /**
     * The first value of header `name` (case-insensitive); `undefined` when it is absent or empty,
     * as Dirigible 10's SDK answers (`http/v4/request`: `null`, and `""`).
     */
    getHeader(name: string): string | undefined;
    /** Request attribute `name`; `undefined` when it is absent or empty (Dirigible 10's SDK). */
    getAttribute(name: string): string | undefined;
    /** The class itself, for `import { Request }` and `require("sdk/http/request").Request`. */
    readonly Request: RequestClass;
  }
  const Request: RequestClass;
  export = Request;
}
