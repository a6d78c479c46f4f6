/** `http/v3/upload` (Eclipse Dirigible API v3): the same module as `http/v4/upload`. */
declare module 'http/v3/upload' {
  import upload = require('http/v4/upload');
  export = upload;
}
