/** `net/http/upload` (Eclipse Dirigible API v2): the same functions as `http/v4/upload`. */
declare module 'net/http/upload' {
  import upload = require('http/v4/upload');
  export = upload;
}
