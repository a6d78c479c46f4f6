/**
 * `sdk/http/response` (Dirigible's newer SDK): the `Response` class. `require("sdk/http/response")`
 * gives the class itself, as Dirigible's SDK modules export it; `import { Response } from
 * "sdk/http/response"` and `require("sdk/http/response").Response` give it too.
 */
declare module 'sdk/http/response' {
  import v4 = require('http/v4/response');
  type Members = Omit<typeof v4, 'write'>;
  /**
   * The response as static methods, status constants and `HttpCodesReasons`, each the
   * `http/v4/response` member of that name, and `json(value)`.
   */
  interface ResponseClass extends Members {
    /**
     * Answers with JSON: sets `Content-Type: application/json` (`addHeader` of `Content-Type` is
     * `setContentType`: one value, with the encoding set before, if any) and prints
     * `JSON.stringify(value)`.
     * @example Response.json({ items: [] });
     */
    json(value: unknown): void;
    /**
     * Appends a string as UTF-8, or bytes (numbers 0–255) as they are; nothing when `data` is
     * falsy (`undefined`, `null`, `""`), as Dirigible 10's SDK.
     */
    write(data?: string | ArrayLike<number> | null): void;
    /** The class itself, for `import { Response }` and `require("sdk/http/response").Response`. */
    readonly Response: ResponseClass;
  }
  const Response: ResponseClass;
  export = Response;
}
