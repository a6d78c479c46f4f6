/*
 * net/http/session (Eclipse Dirigible API v2): ten of the v4 session functions; v2 had no
 * isValid() and no isNew().
 */
'use strict';
const session = require('http/v4/session');

for (const name of [
  'getAttribute',
  'setAttribute',
  'removeAttribute',
  'getAttributeNames',
  'getId',
  'getCreationTime',
  'getLastAccessedTime',
  'getMaxInactiveInterval',
  'setMaxInactiveInterval',
  'invalidate',
]) {
  exports[name] = session[name];
}
