/** `sdk/http/response` (Dirigible's newer SDK, for ES module scripts): the `Response` class. */
declare module 'sdk/http/response' {
  import v4 = require('http/v4/response');
  /** The response as static methods and status constants, each the `http/v4/response` member of that name. */
  export const Response: typeof v4;
}
