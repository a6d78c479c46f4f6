/** `http/rs`: the alias of `http/v4/rs`, the current generation. */
declare module 'http/rs' {
  import rs = require('http/v4/rs');
  export = rs;
}
