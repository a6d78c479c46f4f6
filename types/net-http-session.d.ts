/**
 * `net/http/session` (Eclipse Dirigible API v2): ten of the `http/v4/session` functions, which
 * behave as there. v2 had no `isValid()` and no `isNew()` (nor this runtime's `changeSessionId()`).
 */
declare module 'net/http/session' {
  import v4 = require('http/v4/session');
  const session: Omit<typeof v4, 'isValid' | 'isNew' | 'changeSessionId'>;
  export = session;
}
