/*
 * sdk/http/errors (also @aerokit/sdk/http/errors, and `errors` of sdk/http): the error classes the
 * newest SDK's REST controllers throw and tell apart by `name` in their error handler:
 *
 *   if (error.name === "ValidationError") HttpUtils.sendResponseBadRequest(error.message);
 *
 * Plain `Error`s, with no status of their own: an uncaught one is a 500 like any other error.
 */
'use strict';

/** Input that breaks a rule of the application (`name` "ValidationError"). */
class ValidationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** An operation the user may not do (`name` "ForbiddenError"), with Dirigible's default message. */
class ForbiddenError extends Error {
  constructor(message = "You don't have permission to access this resource") {
    super(message);
    this.name = 'ForbiddenError';
  }
}

exports.ForbiddenError = ForbiddenError;
exports.ValidationError = ValidationError;
