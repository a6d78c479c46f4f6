/** `http/client`: the alias of `http/v4/client`, the current generation. */
declare module 'http/client' {
  import client = require('http/v4/client');
  export = client;
}
