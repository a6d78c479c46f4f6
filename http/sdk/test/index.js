/*
 * sdk/test (also @dirigible/test): the test API as an ES module, `import { assert } from "sdk/test"`
 * then `assert.assertEquals(...)`, as the Basic Usage of Dirigible's test/assert docs page and its
 * API tests write it (Dirigible 8's name was @dirigible/test). `assert` is the test/assert module.
 * See docs/test-assert.md.
 */
'use strict';
exports.assert = require('test/assert');
