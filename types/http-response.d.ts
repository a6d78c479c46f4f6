/** `http/response`: the alias of `http/v4/response`, the current generation. */
declare module 'http/response' {
  import response = require('http/v4/response');
  export = response;
}
