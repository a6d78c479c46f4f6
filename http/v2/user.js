/*
 * net/http/user (Eclipse Dirigible API v2): the name and the roles of the request's user. v2 answered
 * the principal's name, null for a request without a user, where its successor security/user
 * answers 'guest'.
 */
'use strict';
const request = require('http/v4/request');

/** The authenticated user's name; null when the request has no user. */
exports.getName = () => request.getRemoteUser();

/** Whether the authenticated user has `role`; false when the request has no user. */
exports.isInRole = (role) => request.isUserInRole(role);
