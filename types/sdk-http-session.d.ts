/** `sdk/http/session` (Dirigible's newer SDK): the `Session` class. */
declare module 'sdk/http/session' {
  import v4 = require('http/v4/session');
  /** The session of the current request as static methods: `Session.getId()` … each the `http/v4/session` function of that name. */
  export const Session: typeof v4;
}
