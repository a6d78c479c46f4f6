/*
 * test/assert (also test/v4/assert, utils/assert, utils/v4/assert): Dirigible's assertions, as
 * Dirigible 8's functions (`require('test/assert').assertEquals`) and as Dirigible 10's `Assert`
 * class of static methods (`import { Assert } from 'test/assert'`). A failed assertion throws an
 * `AssertionError` (code ERR_ASSERTION_FAILED) with Dirigible's message: the script's message
 * when it gave one (`message || ...`), else `Assertion '<name>' failed`, for assertEquals followed
 * by ` - expected: '<expected>', but found: '<actual>'`. Uncaught, it ends the request with 500.
 * Equality is strict (`===`), as in Dirigible.
 */
'use strict';
/** The value as Dirigible's `'...' + value` writes it. */
const show = (value) => {
  try {
    return '' + value;
  } catch (error) {
    try {
      return String(value);
    } catch (again) {
      return typeof value;
    }
  }
};
const fail = (assertion, detail, message) => {
  kernel.call('assert', 'fail', assertion, detail, message ? show(message) : undefined);
};

function assertTrue(condition, message) {
  if (!condition) fail('assertTrue', '', message);
}
function assertFalse(condition, message) {
  if (condition) fail('assertFalse', '', message);
}
function assertNull(value, message) {
  if (value !== undefined && value !== null) fail('assertNull', '', message);
}
function assertNotNull(value, message) {
  if (value === undefined || value === null) fail('assertNotNull', '', message);
}
function assertEquals(actual, expected, message) {
  if (expected !== actual)
    fail('assertEquals', "expected: '" + show(expected) + "', but found: '" + show(actual) + "'", message);
}

class Assert {}
Assert.assertTrue = assertTrue;
Assert.assertFalse = assertFalse;
Assert.assertNull = assertNull;
Assert.assertNotNull = assertNotNull;
Assert.assertEquals = assertEquals;
Object.freeze(Assert);

exports.Assert = Assert;
exports.assertTrue = assertTrue;
exports.assertFalse = assertFalse;
exports.assertNull = assertNull;
exports.assertNotNull = assertNotNull;
exports.assertEquals = assertEquals;
