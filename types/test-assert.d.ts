/**
 * `test/assert` (also `test/v4/assert`, `utils/assert`, `utils/v4/assert`): Dirigible's assertions,
 * as functions (Dirigible 8: `require('test/assert').assertEquals`) and as the `Assert` class of
 * static methods (Dirigible 10: `import { Assert } from 'test/assert'`). A failed assertion throws
 * an `AssertionError` with code `ERR_ASSERTION_FAILED` whose message is Dirigible's: the script's
 * `message` when it gave one (not empty), else `Assertion '<name>' failed` (for `assertEquals`
 * followed by ` - expected: '<expected>', but found: '<actual>'`); uncaught, it ends the request
 * with 500.
 */
declare module 'test/assert' {
  /**
   * Passes when `condition` is truthy.
   * @param message the error's whole message when the assertion fails
   * @throws AssertionError (`ERR_ASSERTION_FAILED`) otherwise
   */
  export function assertTrue(condition: unknown, message?: string): void;
  /**
   * Passes when `condition` is falsy.
   * @throws AssertionError (`ERR_ASSERTION_FAILED`) otherwise
   */
  export function assertFalse(condition: unknown, message?: string): void;
  /**
   * Passes when `value` is `null` or `undefined`.
   * @throws AssertionError (`ERR_ASSERTION_FAILED`) otherwise
   */
  export function assertNull(value: unknown, message?: string): void;
  /**
   * Passes when `value` is neither `null` nor `undefined`.
   * @throws AssertionError (`ERR_ASSERTION_FAILED`) otherwise
   */
  export function assertNotNull(value: unknown, message?: string): void;
  /**
   * Passes when `actual === expected` (strict, as in Dirigible).
   * @throws AssertionError (`ERR_ASSERTION_FAILED`) naming both values, or with `message`
   */
  export function assertEquals(actual: unknown, expected: unknown, message?: string): void;
  /** The same assertions as static methods (Dirigible 10). */
  export const Assert: {
    assertTrue: typeof assertTrue;
    assertFalse: typeof assertFalse;
    assertNull: typeof assertNull;
    assertNotNull: typeof assertNotNull;
    assertEquals: typeof assertEquals;
  };
}
/** Alias of `test/assert`. */
declare module 'test/v4/assert' {
  export * from 'test/assert';
}
/** Alias of `test/assert` (Dirigible 7's name). */
declare module 'utils/assert' {
  export * from 'test/assert';
}
/** Alias of `test/assert`. */
declare module 'utils/v4/assert' {
  export * from 'test/assert';
}
/**
 * `sdk/test` (also Dirigible 8's `@dirigible/test`): the test API as an ES module; `assert` is the
 * `test/assert` module: `import { assert } from "sdk/test"` then `assert.assertEquals(actual, expected)`.
 */
declare module 'sdk/test' {
  import * as assert from 'test/assert';
  export { assert };
  /** Every export as one object (`import test from "sdk/test"`). */
  const exports: { assert: typeof assert };
  export default exports;
}
declare module '@dirigible/test' {
  export * from 'sdk/test';
  export { default } from 'sdk/test';
}
