/**
 * The other names of `sdk/http` and its classes: `@dirigible/http` (Dirigible 7's ES modules and
 * the 2023 docs) and `@aerokit/sdk/http` (the newest docs). Each is the same module.
 */
declare module '@dirigible/http' {
  export * from 'sdk/http';
}
declare module '@aerokit/sdk/http' {
  export * from 'sdk/http';
}
declare module '@aerokit/sdk/http/session' {
  import session = require('sdk/http/session');
  export = session;
}
declare module '@aerokit/sdk/http/request' {
  import request = require('sdk/http/request');
  export = request;
}
declare module '@aerokit/sdk/http/response' {
  import response = require('sdk/http/response');
  export = response;
}
