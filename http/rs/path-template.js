/*
 * http/rs/path-template: compiles a resource path template to a matcher. Dirigible's forms:
 * `items/{id}` and `items/:id` (one segment), `files/{path*}` and `:path*` (any number of
 * segments, joined with "/"), `:path+` (at least one), `:id?` (an optional segment). A leading
 * "/" is ignored and a trailing "/" is optional, both in templates and in request paths.
 */
'use strict';

const PARAMETER = /^(?:\{(\w+)([*+?]?)\}|:(\w+)([*+?]?))$/;

/** Splits a path into segments without empty leading or trailing ones. */
function segmentsOf(path) {
  const text = String(path);
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 47) start++;
  while (end > start && text.charCodeAt(end - 1) === 47) end--;
  return start === end ? [] : text.slice(start, end).split('/');
}

/** The canonical form of a template: no leading or trailing "/". */
function normalize(template) {
  return segmentsOf(template).join('/');
}

/**
 * Compiles `template`. The result has `match(path)`, which returns the path parameters (an object
 * of strings) or `null`, and the template's `literals` and `parameters` counts, used to prefer
 * the most specific template when several match.
 */
function compile(template) {
  const parts = segmentsOf(template).map((segment) => {
    const first = segment.charCodeAt(0);
    const found = first === 123 || first === 58 ? PARAMETER.exec(segment) : null; // '{' or ':'
    if (found === null) return { literal: segment };
    return { name: found[1] || found[3], modifier: found[2] || found[4] || '' };
  });
  const literals = parts.filter((part) => part.literal !== undefined).length;
  const fixedLength = parts.every((part) => part.literal !== undefined || part.modifier === '');
  /** Matches a path already split by `segmentsOf`. */
  const matchSegments = (segments) =>
    fixedLength && segments.length !== parts.length ? null : matchParts(parts, 0, segments, 0, Object.create(null));
  return {
    template: normalize(template),
    literals,
    parameters: parts.length - literals,
    matchSegments,
    match: (path) => matchSegments(segmentsOf(path)),
  };
}

/** Matches parts[p..] against segments[s..]; fills `params`; backtracks over multi-segment parameters. */
function matchParts(parts, p, segments, s, params) {
  if (p === parts.length) return s === segments.length ? toPlain(params) : null;
  const part = parts[p];
  if (part.literal !== undefined) {
    return segments[s] === part.literal ? matchParts(parts, p + 1, segments, s + 1, params) : null;
  }
  const min = part.modifier === '*' || part.modifier === '?' ? 0 : 1;
  const max = part.modifier === '*' || part.modifier === '+' ? segments.length - s : Math.min(1, segments.length - s);
  for (let count = max; count >= min; count--) {
    const taken = segments.slice(s, s + count);
    if (taken.some((segment) => segment === '')) continue;
    if (count > 0 || part.modifier !== '?') params[part.name] = taken.join('/');
    else delete params[part.name];
    const result = matchParts(parts, p + 1, segments, s + count, params);
    if (result !== null) return result;
  }
  delete params[part.name];
  return null;
}

function toPlain(params) {
  const plain = {};
  for (const name of Object.keys(params)) {
    Object.defineProperty(plain, name, { value: params[name], enumerable: true, writable: true, configurable: true });
  }
  return plain;
}

exports.compile = compile;
exports.segmentsOf = segmentsOf;
exports.normalize = normalize;
