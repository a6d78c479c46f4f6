/** `http/v3/client` (Eclipse Dirigible API v3): the same module as `http/v4/client`. */
declare module 'http/v3/client' {
  import client = require('http/v4/client');
  export = client;
}
