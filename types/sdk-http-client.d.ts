/**
 * `sdk/http/client` (Dirigible's newer SDK): the `HttpClient` class. `require("sdk/http/client")`
 * gives the class itself, as Dirigible's SDK modules export it; `import { HttpClient } from
 * "sdk/http/client"` and `require("sdk/http/client").HttpClient` give it too.
 */
declare module 'sdk/http/client' {
  import v4 = require('http/v4/client');
  type Functions = typeof v4;
  /** The HTTP client as static methods, each the `http/v4/client` function of that name. */
  interface HttpClientClass extends Functions {
    /** The class itself, for `import { HttpClient }` and `require("sdk/http/client").HttpClient`. */
    readonly HttpClient: HttpClientClass;
  }
  const HttpClient: HttpClientClass;
  export = HttpClient;
}
