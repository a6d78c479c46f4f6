/**
 * `sdk/http/errors` (the newest SDK, also `@aerokit/sdk/http/errors`, and `errors` of `sdk/http`):
 * the errors a REST controller throws and tells apart by `name` in its error handler. They are
 * plain errors: one that is not caught ends the request with 500, as any error.
 */
declare module 'sdk/http/errors' {
  /** Input that breaks a rule of the application; `name` is `"ValidationError"`. */
  export class ValidationError extends Error {
    constructor(message: string);
  }
  /**
   * An operation the user may not do; `name` is `"ForbiddenError"`, the message by default
   * `"You don't have permission to access this resource"`.
   */
  export class ForbiddenError extends Error {
    constructor(message?: string);
  }
  /** Every export as one object (`import errors from "sdk/http/errors"`, `require("sdk/http/errors")`). */
  const exports: { ValidationError: typeof ValidationError; ForbiddenError: typeof ForbiddenError };
  export default exports;
}
