/** `http/v3/response` (Eclipse Dirigible API v3): the same functions as `http/v4/response`. */
declare module 'http/v3/response' {
  import response = require('http/v4/response');
  export = response;
}
