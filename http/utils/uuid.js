/*
 * utils/uuid (Dirigible 4 to 9; also utils/v4/uuid): `random()` is a random (version 4) UUID from
 * the server's secure random source, as Java's UUID.randomUUID(); `validate(text)` is true when
 * Java's UUID.fromString reads the text: five groups of hexadecimal digits (a `+` may lead one)
 * separated by `-`, at most 36 characters, each group within a Java long. So it accepts more than
 * the canonical 8-4-4-4-12 form (`1-2-3-4-5`), as Dirigible does. See docs/utils.md.
 */
'use strict';
const { call } = kernel;

const GROUP = /^\+?[0-9a-fA-F]+$/;

/** True when a group's value fits a Java long (at most 7fffffffffffffff). */
function fitsLong(group) {
  const digits = group.replace(/^\+?0*/, '');
  return digits.length < 16 || (digits.length === 16 && digits[0] <= '7');
}

/** A random UUID, lower case, 8-4-4-4-12. */
exports.random = () => call('utils', 'randomUuid');

/** True when Java's UUID.fromString reads `input`; false for anything else (no text too). */
exports.validate = (input) => {
  if (typeof input !== 'string' || input.length > 36) return false;
  const groups = input.split('-');
  return groups.length === 5 && groups.every((group) => GROUP.test(group) && fitsLong(group));
};
