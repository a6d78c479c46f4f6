/*
 * http/rs/media-types: the media type rules of content negotiation. A request's Content-Type is
 * matched against a handler's `consumes` list, its Accept header against the `produces` list
 * (RFC 9110 sections 8.3 and 12.5.1): wildcards on either side (`* /json`, `application/*`,
 * `* /*`), parameters ignored except Accept's `q`, where `q=0` means "not acceptable".
 */
'use strict';

/** `{ type, subtype }` of a media range such as `application/json; charset=utf-8`, or `null`. */
function parse(text) {
  const essence = String(text).split(';')[0].trim().toLowerCase();
  const slash = essence.indexOf('/');
  if (slash <= 0 || slash === essence.length - 1 || essence.indexOf('/', slash + 1) >= 0) return null;
  return { type: essence.slice(0, slash), subtype: essence.slice(slash + 1) };
}

/** True when media range `a` and media range `b` overlap (either may hold wildcards). */
function compatible(a, b) {
  const left = typeof a === 'string' ? parse(a) : a;
  const right = typeof b === 'string' ? parse(b) : b;
  if (left === null || right === null) return false;
  const types = left.type === '*' || right.type === '*' || left.type === right.type;
  const subtypes = left.subtype === '*' || right.subtype === '*' || left.subtype === right.subtype;
  return types && subtypes;
}

/** The ranges of an Accept header with their quality, best first; `[]` for an absent or empty header. */
function acceptList(header) {
  if (header === null || header === undefined || String(header).trim() === '') return [];
  const ranges = [];
  String(header)
    .split(',')
    .forEach((entry, index) => {
      const range = parse(entry);
      if (range === null) return;
      const q = /;\s*q\s*=\s*([0-9.]+)/i.exec(entry);
      const quality = q === null ? 1 : Number(q[1]);
      ranges.push({ range, quality: Number.isFinite(quality) ? quality : 0, index });
    });
  return ranges.sort((a, b) => b.quality - a.quality || a.index - b.index);
}

/** True when a handler that consumes `consumes` takes a body of `contentType` (null: no Content-Type). */
function consumable(consumes, contentType) {
  if (consumes === undefined || consumes.length === 0 || consumes.indexOf('*/*') >= 0) return true;
  if (contentType === null) return false;
  return consumes.some((type) => compatible(type, contentType));
}

/**
 * The quality at which a client sending `accepted` (from acceptList) takes what a handler
 * `produces`: 1 when either side is unrestricted, 0 when nothing it produces is acceptable.
 * Also returns the concrete type to answer with, when there is one.
 */
function acceptance(produces, accepted) {
  const offers = produces === undefined || produces.length === 0 ? ['*/*'] : produces;
  if (accepted.length === 0) return { quality: 1, type: concrete(offers[0]) };
  let best = { quality: 0, type: null };
  for (const offer of offers) {
    // The most specific acceptable range that covers the offer decides its quality.
    const covering = accepted
      .filter((entry) => compatible(entry.range, offer))
      .sort((a, b) => specificity(b.range) - specificity(a.range))[0];
    if (covering !== undefined && covering.quality > best.quality) {
      best = { quality: covering.quality, type: concrete(offer) || concreteRange(covering.range) };
    }
  }
  return best;
}

function specificity(range) {
  return (range.type === '*' ? 0 : 2) + (range.subtype === '*' ? 0 : 1);
}

/** `type/subtype` when `text` has no wildcard, else `null`. */
function concrete(text) {
  const range = parse(text);
  return range === null ? null : concreteRange(range);
}

function concreteRange(range) {
  return range.type === '*' || range.subtype === '*' ? null : range.type + '/' + range.subtype;
}

exports.parse = parse;
exports.compatible = compatible;
exports.acceptList = acceptList;
exports.consumable = consumable;
exports.acceptance = acceptance;
