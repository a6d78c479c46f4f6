/*
 * http/rs/definition-error: throws the coded error of a service definition mistake (a handler
 * that is not a function, a malformed media type …), made by the host from its error class
 * (RsDefinitionError, code ERR_RS_DEFINITION).
 */
'use strict';

/** Throws ERR_RS_DEFINITION with `message`. */
module.exports = function invalid(message) {
  kernel.call('rs', 'invalidDefinition', String(message));
  throw new TypeError(String(message)); // not reached: the host call throws
};
