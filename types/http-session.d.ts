/** `http/session`: the alias of `http/v4/session`, the current generation. */
declare module 'http/session' {
  import session = require('http/v4/session');
  export = session;
}
