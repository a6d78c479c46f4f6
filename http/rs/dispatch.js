/*
 * http/rs/dispatch: picks the handler of a request from a service's configuration, as JAX-RS
 * does: the path selects the resources (a literal segment beats one of text and
 * parameters or with a pattern, which beats a bare parameter), the method their
 * handlers (HEAD falls back to GET), Content-Type and Accept one handler among those. When
 * nothing fits it says why, so the controller can answer 404, 405, 415 or 406.
 */
'use strict';
const { compile, segmentsOf } = require('http/rs/path-template');

// Compiled templates by text, for as long as this module instance lives (one request when
// required, one context when imported); bounded all the same.
const compiled = new Map();
function compiledOf(template) {
  let found = compiled.get(template);
  if (found === undefined) {
    if (compiled.size >= 1000) compiled.clear();
    found = compile(template);
    compiled.set(template, found);
  }
  return found;
}
const { acceptList, acceptance, consumable, parse } = require('http/rs/media-types');

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];

/**
 * @param configuration the service's `{ template: { verb: [spec] } }`
 * @param request `{ path, method, contentType, hasBody, accept }` of the request
 * @returns `{ kind: 'serve', spec, template, pathParameters, type }`, or `{ kind }` with
 *   `not-found`, `method-not-allowed` / `options` (with `allow`), `unsupported` (with `consumes`),
 *   `not-acceptable` (with `produces`)
 */
function dispatch(configuration, request) {
  const matched = [];
  const segments = segmentsOf(request.path);
  Object.keys(configuration).forEach((template, index) => {
    const compiled = compiledOf(template);
    const pathParameters = compiled.matchSegments(segments);
    if (pathParameters !== null) matched.push({ template, compiled, pathParameters, index });
  });
  if (matched.length === 0) return { kind: 'not-found' };
  matched.sort(
    (a, b) =>
      b.compiled.literals - a.compiled.literals ||
      b.compiled.constrained - a.compiled.constrained ||
      a.compiled.parameters - b.compiled.parameters ||
      a.index - b.index,
  );

  const verb = request.method.toLowerCase();
  const handlersOf = (resource) => {
    const own = nonEmpty(configuration[resource.template][verb]);
    return own.length > 0 || verb !== 'head' ? own : nonEmpty(configuration[resource.template].get);
  };
  const withMethod = matched.filter((resource) => handlersOf(resource).length > 0);
  if (withMethod.length === 0) {
    const allow = allowed(configuration, matched);
    return { kind: verb === 'options' ? 'options' : 'method-not-allowed', allow };
  }

  const contentType =
    request.contentType === null && request.hasBody ? 'application/octet-stream' : request.contentType;
  const candidates = [];
  for (const resource of withMethod) {
    for (const spec of handlersOf(resource)) {
      if (contentType === null || consumable(spec.consumes, contentType)) candidates.push({ resource, spec });
    }
  }
  if (candidates.length === 0) return { kind: 'unsupported', consumes: union(withMethod, handlersOf, 'consumes') };

  const accepted = acceptList(request.accept);
  let best;
  for (const candidate of candidates) {
    const fit = acceptance(candidate.spec.produces, accepted);
    if (fit.quality > 0 && (best === undefined || fit.quality > best.fit.quality)) best = { ...candidate, fit };
  }
  if (best === undefined) return { kind: 'not-acceptable', produces: union(withMethod, handlersOf, 'produces') };
  return {
    kind: 'serve',
    spec: best.spec,
    template: best.resource.template,
    pathParameters: best.resource.pathParameters,
    type: best.fit.type,
  };
}

function nonEmpty(list) {
  return Array.isArray(list) ? list.filter((spec) => spec !== null && typeof spec === 'object') : [];
}

/** The methods the matched resources answer, for the Allow header. */
function allowed(configuration, matched) {
  const methods = new Set(['OPTIONS']);
  for (const resource of matched) {
    for (const verb of Object.keys(configuration[resource.template])) {
      if (nonEmpty(configuration[resource.template][verb]).length === 0) continue;
      methods.add(verb.toUpperCase());
      if (verb === 'get') methods.add('HEAD');
    }
  }
  const rank = (method) => (METHOD_ORDER.indexOf(method) < 0 ? METHOD_ORDER.length : METHOD_ORDER.indexOf(method));
  return [...methods].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
}

/** Every media type named in `setting` by the handlers of `resources`, without duplicates. */
function union(resources, handlersOf, setting) {
  const types = [];
  for (const resource of resources) {
    for (const spec of handlersOf(resource)) {
      for (const type of spec[setting] || []) if (parse(type) !== null && types.indexOf(type) < 0) types.push(type);
    }
  }
  return types;
}

module.exports = dispatch;
