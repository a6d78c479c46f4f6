/** `sdk/http/response` (Dirigible's newer SDK): the `Response` class. */
declare module 'sdk/http/response' {
  import v4 = require('http/v4/response');
  /**
   * The response as static methods and status constants, each the `http/v4/response` member of
   * that name, and `json(value)`.
   */
  export const Response: typeof v4 & {
    /**
     * Answers with JSON: adds the header `Content-Type: application/json` and prints
     * `JSON.stringify(value)`.
     * @example Response.json({ items: [] });
     */
    json(value: unknown): void;
  };
}
