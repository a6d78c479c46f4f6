/**
 * The other names of `sdk/http` and its modules: `@dirigible/http` (Dirigible 7's ES modules and
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
declare module '@aerokit/sdk/http/upload' {
  import upload = require('sdk/http/upload');
  export = upload;
}
declare module '@aerokit/sdk/http/client' {
  import client = require('sdk/http/client');
  export = client;
}
declare module '@aerokit/sdk/http/rs' {
  export * from 'sdk/http/rs';
  export { default } from 'sdk/http/rs';
}
declare module '@aerokit/sdk/http/decorators' {
  export * from 'sdk/http/decorators';
  export { default } from 'sdk/http/decorators';
}
declare module '@aerokit/sdk/http/utils' {
  export * from 'sdk/http/utils';
  export { default } from 'sdk/http/utils';
}
declare module '@aerokit/sdk/http/errors' {
  export * from 'sdk/http/errors';
  export { default } from 'sdk/http/errors';
}
