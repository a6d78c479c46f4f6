/** `http/v3/session` (Eclipse Dirigible API v3): the same functions as `http/v4/session`. */
declare module 'http/v3/session' {
  import session = require('http/v4/session');
  export = session;
}
