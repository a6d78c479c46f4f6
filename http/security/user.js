/*
 * security/user (also security/v4/user): who the request's user is (Eclipse Dirigible's user API).
 * Each function answers from what the runtime already knows of the request: the user the embedder
 * or the users file authenticated (request facade), the session's interval, the request's headers.
 * Where Dirigible's answer depends on its own configuration (anonymous modes, an identity server),
 * this runtime answers as Dirigible does with none of it turned on; see docs/security-user.md.
 */
'use strict';
const request = (fn, a) => kernel.call('request', fn, a);

/** Dirigible's name for the user of a request nobody authenticated. */
const GUEST = 'guest';

/** The name of the authenticated user; 'guest' when the request has none. */
exports.getName = () => request('getRemoteUser') ?? GUEST;

/** Whether the authenticated user has `role`; false when the request has no user. */
exports.isInRole = (role) => request('isUserInRole', role);

/** The session's idle timeout in seconds (its max inactive interval), as Dirigible answers it. */
exports.getTimeout = () => kernel.call('session', 'getMaxInactiveInterval');

/** How the user was authenticated (`BASIC`, `FORM` …); null when the request has no user. */
exports.getAuthType = () => request('getAuthType');

/**
 * The credentials of the `Authorization` header after its scheme, from the space on, as
 * Dirigible cuts them (`Bearer abc` gives ' abc'); '' without the header or without a space.
 */
exports.getSecurityToken = () => {
  const header = request('getHeader', 'authorization');
  const space = header === null ? -1 : header.indexOf(' ');
  return space < 0 ? '' : header.slice(space);
};

/** The session attribute `invocation.count`, which Dirigible keeps and this runtime does not add. */
exports.getInvocationCount = () => kernel.fromJson(kernel.call('session', 'getAttribute', 'invocation.count'));

/**
 * The client's first language range, as Java's `Locale.LanguageRange.parse` orders the
 * `Accept-Language` header (Dirigible's answer): spaces removed, lower case, the first range of the
 * highest weight, weight 0 included; '*' without the header. A malformed entry is skipped (Java
 * throws); no well-formed entry left gives '*'.
 */
exports.getLanguage = () => firstLanguageRange(request('getHeader', 'accept-language'));

const LANGUAGE_RANGE = /^(?:\*|[a-z]{1,8})(?:-(?:\*|[a-z0-9]{1,8}))*$/;
const WEIGHT = /^(?:1(?:\.0*)?|0(?:\.\d*)?|\.\d+)$/;

function firstLanguageRange(header) {
  const ranges = (header === null || header === '' ? '*' : header).replace(/ /g, '').toLowerCase();
  let best = '*';
  let bestWeight = -1;
  for (const entry of ranges.replace(/^accept-language:/, '').split(',')) {
    const at = entry.indexOf(';q=');
    const range = at < 0 ? entry : entry.slice(0, at);
    const weightText = at < 0 ? '1' : entry.slice(at + 3);
    if (!LANGUAGE_RANGE.test(range) || !WEIGHT.test(weightText)) continue;
    const weight = Number(weightText);
    if (weight > bestWeight) {
      best = range;
      bestWeight = weight;
    }
  }
  return best;
}
