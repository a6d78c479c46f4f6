/** `http/upload`: the alias of `http/v4/upload`, the current generation. */
declare module 'http/upload' {
  import upload = require('http/v4/upload');
  export = upload;
}
