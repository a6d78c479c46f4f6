/**
 * `sdk/security` (Dirigible's newer SDK; also `@dirigible/security` and `@aerokit/sdk/security`)
 * and `sdk/security/user` (also `@aerokit/sdk/security/user`): the `User` class of static methods,
 * each the `security/user` function of that name. `import { user } from "sdk/security"` and
 * `import { User } from "sdk/security"` give the same class; `require("sdk/security/user")` gives
 * the class itself, as Dirigible's SDK module exports it. Dirigible's `OAuthClient` is not offered.
 */
declare module 'sdk/security/user' {
  import user = require('security/user');
  type Functions = typeof user;
  /** The request's user as static methods: `User.getName()`, `User.isInRole(role)` … */
  interface UserClass extends Functions {
    /** The class itself, for `import { User }` and `require("sdk/security/user").User`. */
    readonly User: UserClass;
  }
  const User: UserClass;
  export = User;
}
declare module 'sdk/security' {
  import { User } from 'sdk/security/user';
  export { User, User as user };
  /** Every export as one object (`import security from "sdk/security"`). */
  const exports: { User: typeof User; user: typeof User };
  export default exports;
}
declare module '@dirigible/security' {
  export * from 'sdk/security';
  export { default } from 'sdk/security';
}
declare module '@aerokit/sdk/security' {
  export * from 'sdk/security';
  export { default } from 'sdk/security';
}
declare module '@aerokit/sdk/security/user' {
  import User = require('sdk/security/user');
  export = User;
}
