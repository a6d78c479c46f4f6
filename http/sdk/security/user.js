/*
 * sdk/security/user: the request's user as the `User` class of static methods (the shape of
 * Dirigible's newer SDK). Every method is the security/user function of the same name.
 */
'use strict';
const user = require('security/user');

class User {}
for (const name of Object.keys(user)) User[name] = user[name];
// CommonJS scripts get the class itself, as Dirigible's SDK module exports it
// (`module.exports = User`); its User property keeps `require(...).User` and the ES module
// import { User } (a named export is an enumerable property) working.
User.User = User;
Object.freeze(User);

module.exports = User;
