/*
 * http/rs/query-parameters: `ctx.queryParameters`, the query string as an object: a name given
 * once maps to its value, a name given several times to the array of its values in order. `+`
 * is a space and %-escapes are decoded (a malformed escape stays as written).
 */
'use strict';

function decode(text) {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch (_malformed) {
    return spaced;
  }
}

/** The parameters of `queryString` (without `?`; `null` for none). */
module.exports = function queryParameters(queryString) {
  const parameters = {};
  if (queryString === null || queryString === undefined || queryString === '') return parameters;
  for (const pair of String(queryString).split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decode(equals < 0 ? pair : pair.slice(0, equals));
    const value = equals < 0 ? '' : decode(pair.slice(equals + 1));
    if (!Object.hasOwn(parameters, name)) {
      Object.defineProperty(parameters, name, { value, enumerable: true, writable: true, configurable: true });
    } else if (Array.isArray(parameters[name])) parameters[name].push(value);
    else parameters[name] = [parameters[name], value];
  }
  return parameters;
};
