/** `http/request`: the alias of `http/v4/request`, the current generation. */
declare module 'http/request' {
  import request = require('http/v4/request');
  export = request;
}
