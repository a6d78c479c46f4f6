/*
 * test/assert (also test/v4/assert, utils/assert, utils/v4/assert): Dirigible's assertions, as
 * Dirigible 8's functions (`require('test/assert').assertEquals`) and as Dirigible 10's `Assert`
 * class of static methods (`import { Assert } from 'test/assert'`). A failed assertion throws an
 * `AssertionError` (code ERR_ASSERTION_FAILED) whose message names the assertion; uncaught, it ends
 * the request with 500. Equality is strict (`===`), as in Dirigible.
 */
'use strict';
const show = (value) => {
  try {
    return String(value);
  } catch (error) {
    return typeof value;
  }
};
const fail = (assertion, detail, message) => {
  const text = message === undefined || message === null ? detail : String(message);
  kernel.call('assert', 'fail', assertion, text);
};

function assertTrue(condition, message) {
  if (!condition) fail('assertTrue', '', message);
}
function assertFalse(condition, message) {
  if (condition) fail('assertFalse', '', message);
}
function assertNull(value, message) {
  if (value !== undefined && value !== null) fail('assertNull', "found: '" + show(value) + "'", message);
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
