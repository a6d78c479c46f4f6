/**
 * Type definitions of the script modules, for editors and `tsc --checkJs`: add
 * `node_modules/dirigible-session/types` to the `include` of your jsconfig.json or tsconfig.json.
 */
/// <reference path="./http-v4-session.d.ts" />
/// <reference path="./http-v4-request.d.ts" />
/// <reference path="./http-v4-response.d.ts" />
/// <reference path="./http-v3-session.d.ts" />
/// <reference path="./http-v3-request.d.ts" />
/// <reference path="./http-v3-response.d.ts" />
/// <reference path="./http-session.d.ts" />
/// <reference path="./http-request.d.ts" />
/// <reference path="./http-response.d.ts" />
/// <reference path="./net-http-session.d.ts" />
/// <reference path="./net-http-request.d.ts" />
/// <reference path="./net-http-response.d.ts" />
/// <reference path="./net-http-user.d.ts" />
/// <reference path="./sdk-http-session.d.ts" />
/// <reference path="./sdk-http-request.d.ts" />
/// <reference path="./sdk-http-response.d.ts" />
/// <reference path="./http-v4-rs.d.ts" />
/// <reference path="./http-v3-rs.d.ts" />
/// <reference path="./http-rs.d.ts" />
/// <reference path="./http-rs-parts.d.ts" />
/// <reference path="./sdk-http-rs.d.ts" />
/// <reference path="./sdk-http-decorators.d.ts" />
/// <reference path="./http-v4-upload.d.ts" />
/// <reference path="./http-upload.d.ts" />
/// <reference path="./http-v3-upload.d.ts" />
/// <reference path="./net-http-upload.d.ts" />
/// <reference path="./http-v4-client.d.ts" />
/// <reference path="./http-client.d.ts" />
/// <reference path="./http-v3-client.d.ts" />
/// <reference path="./sdk-http-upload.d.ts" />
/// <reference path="./sdk-http-client.d.ts" />
/// <reference path="./sdk-http-utils.d.ts" />
/// <reference path="./sdk-http-errors.d.ts" />
/// <reference path="./sdk-http.d.ts" />
/// <reference path="./sdk-http-aliases.d.ts" />
/// <reference path="./security-user.d.ts" />
/// <reference path="./sdk-security.d.ts" />
/// <reference path="./utils-codecs.d.ts" />
/// <reference path="./sdk-utils.d.ts" />
/// <reference path="./log-logging.d.ts" />
/// <reference path="./test-assert.d.ts" />
/// <reference path="./core-console.d.ts" />
/// <reference path="./globals.d.ts" />
