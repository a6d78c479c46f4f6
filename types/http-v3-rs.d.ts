/** `http/v3/rs` (Eclipse Dirigible API v3): the same framework as `http/v4/rs`. */
declare module 'http/v3/rs' {
  import rs = require('http/v4/rs');
  export = rs;
}
