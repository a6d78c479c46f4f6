/*
 * http/v4/session: the HTTP session of the current request (Eclipse Dirigible API v4).
 * Each function is one call to the host facade (a getAttribute of an attribute this run set is
 * answered by the kernel, from the JSON the host stored); JSON, Dates and arrays are built here.
 */
'use strict';
const call = (fn, a, b) => kernel.call('session', fn, a, b);

exports.isValid = () => call('isValid');
exports.getAttribute = (name) => kernel.fromJson(call('getAttribute', name));
exports.getAttributeNames = () => kernel.parse(call('getAttributeNames'));
exports.getCreationTime = () => new Date(call('getCreationTime'));
exports.getId = () => call('getId');
exports.getLastAccessedTime = () => new Date(call('getLastAccessedTime'));
exports.getMaxInactiveInterval = () => call('getMaxInactiveInterval');
exports.invalidate = () => void call('invalidate');
exports.isNew = () => call('isNew');
exports.setAttribute = (name, value) => void call('setAttribute', name, kernel.toJson(name, value));
exports.removeAttribute = (name) => void call('removeAttribute', name);
exports.setMaxInactiveInterval = (interval) => void call('setMaxInactiveInterval', interval);
// Extension, not in Dirigible: a new id for the session, attributes kept (defeats session fixation at login).
exports.changeSessionId = () => call('changeSessionId');
