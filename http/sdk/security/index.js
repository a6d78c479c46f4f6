/*
 * sdk/security (also @dirigible/security, @aerokit/sdk/security): the SDK's security module, the
 * `User` class also under its lower-case name: `import { user } from "sdk/security"`, as the
 * IDE's TypeScript template and Dirigible's generated REST services import it. Dirigible's
 * `OAuthClient` is not offered.
 */
'use strict';
const User = require('sdk/security/user');

exports.User = User;
exports.user = User;
