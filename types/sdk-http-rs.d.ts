/**
 * `sdk/http/rs` (Dirigible's newer SDK, for ES module scripts): the REST framework of `http/v4/rs`,
 * whose handlers get by default the SDK's `Request` and `Response` (`sdk/http/request`,
 * `sdk/http/response`), as on Dirigible 10: `getHeader()` of an absent header is `undefined`,
 * `getJSON()` of a body that is not JSON `undefined`.
 */
declare module 'sdk/http/rs' {
  import rs = require('http/v4/rs');
  /** A new service; see `http/v4/rs`. */
  export const service: typeof rs.service;
  /** A REST service (a subclass of http/v4/rs's, serving with the SDK's Request and Response); see `http/v4/rs`. */
  export const HttpController: typeof rs.HttpController;
  /** The resources of a service by path template; see `http/v4/rs`. */
  export const ResourceMappings: typeof rs.ResourceMappings;
  /** One path template and its handlers; see `http/v4/rs`. */
  export const Resource: typeof rs.Resource;
  /** One handler; see `http/v4/rs`. */
  export const ResourceMethod: typeof rs.ResourceMethod;
  /** Every export as one object (`import rs from "sdk/http/rs"`, `require("sdk/http/rs")`). */
  const exports: {
    service: typeof service;
    HttpController: typeof HttpController;
    ResourceMappings: typeof ResourceMappings;
    Resource: typeof Resource;
    ResourceMethod: typeof ResourceMethod;
  };
  export default exports;
}
