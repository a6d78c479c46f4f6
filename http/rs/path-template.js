/*
 * http/rs/path-template: compiles a resource path template to a matcher. Dirigible's forms (its
 * path-to-regexp 6 syntax): `items/{id}` and `items/:id` (one segment), `files/{path*}` and
 * `:path*` (any number of segments, joined with "/"), `:path+` (at least one), `:id?` (an optional
 * segment), `:id(\d+)` (a parameter that must match a pattern), and parameters inside a segment,
 * between literal text: `{id}.json`, `:name.:ext`. A leading "/" is ignored and a trailing "/" is
 * optional, both in templates and in request paths.
 */
'use strict';
const invalid = require('http/rs/definition-error');

const NAME = /^\w+/;
const MODIFIERS = '*+?';

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

/** The index of the ")" that closes the "(" at `open`, or -1. */
function closing(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The parameter at `start` of `segment` (`:name`, `{name}`, `{name*}`, with `(pattern)` and modifier), or null. */
function parameterAt(segment, start) {
  const first = segment[start];
  let name;
  let modifier = '';
  let end;
  if (first === ':') {
    const found = NAME.exec(segment.slice(start + 1));
    if (found === null) return null;
    name = found[0];
    end = start + 1 + name.length;
  } else if (first === '{') {
    const found = /^\{(\w+)([*+?]?)\}/.exec(segment.slice(start));
    if (found === null) return null;
    name = found[1];
    modifier = found[2];
    end = start + found[0].length;
  } else return null;
  let pattern = null;
  if (segment[end] === '(') {
    const close = closing(segment, end);
    if (close < 0)
      invalid(
        'resource path: the pattern of parameter "' +
          name +
          '" has no closing ")" in its segment (a pattern matches within one segment: it cannot hold "/")',
      );
    pattern = segment.slice(end + 1, close);
    end = close + 1;
  }
  if (modifier === '' && end < segment.length && MODIFIERS.indexOf(segment[end]) >= 0) modifier = segment[end++];
  return { name, modifier, pattern, end };
}

/** A segment's literal text and parameters, in order; `\` makes the next character literal. */
function tokensOf(segment) {
  const tokens = [];
  let text = '';
  let i = 0;
  while (i < segment.length) {
    if (segment[i] === '\\' && i + 1 < segment.length) {
      text += segment[i + 1];
      i += 2;
      continue;
    }
    const parameter = parameterAt(segment, i);
    if (parameter === null) {
      text += segment[i++];
      continue;
    }
    if (text !== '') tokens.push({ text });
    text = '';
    tokens.push(parameter);
    i = parameter.end;
  }
  if (text !== '') tokens.push({ text });
  return tokens;
}

/** `^(?:pattern)$` for a parameter's own pattern. */
function anchored(name, pattern) {
  try {
    return new RegExp('^(?:' + pattern + ')$');
  } catch (error) {
    return invalid(
      'resource path: the pattern of parameter "' + name + '" is not a regular expression: ' + error.message,
    );
  }
}

/** One part of a template: a literal segment, a parameter segment, or a segment of text and parameters. */
function partOf(segment) {
  const tokens = tokensOf(segment);
  if (tokens.length === 1 && tokens[0].text !== undefined) return { literal: tokens[0].text };
  if (tokens.length === 1) {
    const { name, modifier, pattern } = tokens[0];
    return { name, modifier, pattern: pattern === null ? null : anchored(name, pattern) };
  }
  const names = [];
  let source = '^';
  for (const token of tokens) {
    if (token.text !== undefined) {
      source += token.text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
      continue;
    }
    if (token.modifier !== '') {
      invalid(
        'resource path: parameter "' +
          token.name +
          '" shares its segment with text and cannot take "' +
          token.modifier +
          '"',
      );
    }
    if (token.pattern !== null) anchored(token.name, token.pattern);
    source += '(?<p' + names.length + '>' + (token.pattern === null ? '[^/]+?' : '(?:' + token.pattern + ')') + ')';
    names.push(token.name);
  }
  return { regex: new RegExp(source + '$'), names };
}

/**
 * Compiles `template`. The result has `match(path)`, which returns the path parameters (an object
 * of strings) or `null`, and the template's `literals`, `constrained` (segments of text and
 * parameters, or with a pattern) and `parameters` counts, used to prefer the most specific
 * template when several match.
 */
function compile(template) {
  const parts = segmentsOf(template).map(partOf);
  const literals = parts.filter((part) => part.literal !== undefined).length;
  const constrained = parts.filter(
    (part) => part.regex !== undefined || (part.pattern !== undefined && part.pattern !== null),
  ).length;
  const fixedLength = parts.every((part) => part.name === undefined || part.modifier === '');
  /** Matches a path already split by `segmentsOf`. */
  const matchSegments = (segments) =>
    fixedLength && segments.length !== parts.length ? null : matchParts(parts, 0, segments, 0, Object.create(null));
  return {
    template: normalize(template),
    literals,
    constrained,
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
  if (part.regex !== undefined) {
    const found = s < segments.length ? part.regex.exec(segments[s]) : null;
    if (found === null) return null;
    part.names.forEach((name, index) => {
      params[name] = found.groups['p' + index];
    });
    const result = matchParts(parts, p + 1, segments, s + 1, params);
    if (result === null) for (const name of part.names) delete params[name];
    return result;
  }
  const min = part.modifier === '*' || part.modifier === '?' ? 0 : 1;
  const max = part.modifier === '*' || part.modifier === '+' ? segments.length - s : Math.min(1, segments.length - s);
  for (let count = max; count >= min; count--) {
    const taken = segments.slice(s, s + count);
    if (taken.some((segment) => segment === '' || (part.pattern !== null && !part.pattern.test(segment)))) continue;
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
