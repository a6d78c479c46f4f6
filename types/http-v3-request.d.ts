/** `http/v3/request` (Eclipse Dirigible API v3): the same functions as `http/v4/request`. */
declare module 'http/v3/request' {
  import request = require('http/v4/request');
  export = request;
}
