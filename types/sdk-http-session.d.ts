/**
 * `sdk/http/session` (Dirigible's newer SDK): the `Session` class. `require("sdk/http/session")`
 * gives the class itself, as Dirigible's SDK modules export it; `import { Session } from
 * "sdk/http/session"` and `require("sdk/http/session").Session` give it too.
 */
declare module 'sdk/http/session' {
  import v4 = require('http/v4/session');
  type Functions = typeof v4;
  /** The session of the current request as static methods: `Session.getId()` … each the `http/v4/session` function of that name. */
  interface SessionClass extends Functions {
    /** The class itself, for `import { Session }` and `require("sdk/http/session").Session`. */
    readonly Session: SessionClass;
  }
  const Session: SessionClass;
  export = Session;
}
