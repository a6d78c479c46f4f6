/*
 * net/http/session (Eclipse Dirigible API v2): ten of the v4 session functions; v2 had no
 * isValid() and no isNew().
 */
'use strict';
const session = require('http/v4/session');

exports.getAttribute = session.getAttribute;
exports.setAttribute = session.setAttribute;
exports.removeAttribute = session.removeAttribute;
exports.getAttributeNames = session.getAttributeNames;
exports.getId = session.getId;
exports.getCreationTime = session.getCreationTime;
exports.getLastAccessedTime = session.getLastAccessedTime;
exports.getMaxInactiveInterval = session.getMaxInactiveInterval;
exports.setMaxInactiveInterval = session.setMaxInactiveInterval;
exports.invalidate = session.invalidate;
