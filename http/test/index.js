/*
 * @dirigible/test: Dirigible 8's ES module of the test API, `import { assert } from "@dirigible/test"`
 * then `assert.assertEquals(...)`, as its API tests write it. `assert` is the test/assert module.
 * See docs/test-assert.md.
 */
'use strict';
exports.assert = require('test/assert');
