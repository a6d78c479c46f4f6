/** `sdk/http/client` (Dirigible's newer SDK, for ES module scripts): the `HttpClient` class. */
declare module 'sdk/http/client' {
  import v4 = require('http/v4/client');
  /** The HTTP client as static methods, each the `http/v4/client` function of that name. */
  export const HttpClient: typeof v4;
}
