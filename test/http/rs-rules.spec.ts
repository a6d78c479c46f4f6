/**
 * The pure rules of the rs framework, run on their own (outside the sandbox, as plain functions):
 * path templates, media type negotiation, and how dispatch picks a handler or the answer when none
 * fits. The HTTP behaviour is in rs.spec.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { expect } from 'chai';
import { packageDir } from '../support/paths.js';

const cache = new Map<string, unknown>();

/** Loads guest module `id` (an `http/rs/…` id) as CommonJS; requires resolve the same way. */
function load(id: string): unknown {
  const cached = cache.get(id);
  if (cached !== undefined) return cached;
  const file = path.join(packageDir, 'http', `${id.replace(/^http\//, '')}.js`);
  const wrapper = vm.compileFunction(readFileSync(file, 'utf8'), ['exports', 'require', 'module', 'kernel'], {
    filename: file,
  });
  const module = { exports: {} as unknown };
  wrapper(module.exports, load, module, undefined);
  cache.set(id, module.exports);
  return module.exports;
}

interface Compiled {
  match(path: string): Record<string, string> | null;
  literals: number;
  parameters: number;
}
interface Spec {
  serve?: () => void;
  consumes?: string[];
  produces?: string[];
}
interface Outcome {
  kind: string;
  spec?: Spec;
  template?: string;
  pathParameters?: Record<string, string>;
  type?: string | null;
  allow?: string[];
  consumes?: string[];
  produces?: string[];
}
const { compile } = load('http/rs/path-template') as { compile(template: string): Compiled };
const media = load('http/rs/media-types') as {
  compatible(a: string, b: string): boolean;
  consumable(consumes: string[] | undefined, contentType: string | null): boolean;
};
const dispatch = load('http/rs/dispatch') as (
  configuration: Record<string, Record<string, Spec[]>>,
  request: { path: string; method: string; contentType: string | null; hasBody: boolean; accept: string | null },
) => Outcome;

const request = (method: string, requestPath: string, headers: { contentType?: string; accept?: string } = {}) => ({
  path: requestPath,
  method,
  contentType: headers.contentType ?? null,
  hasBody: headers.contentType !== undefined,
  accept: headers.accept ?? null,
});

describe('rs rules', () => {
  describe('path templates', () => {
    const cases: Array<[string, string, Record<string, string> | null]> = [
      ['', '', {}],
      ['/', '', {}],
      ['items', 'items', {}],
      ['items', 'items/', {}],
      ['/items/', 'items', {}],
      ['items', 'Items', null],
      ['items', 'items/1', null],
      ['items/{id}', 'items/1', { id: '1' }],
      ['items/:id', 'items/1', { id: '1' }],
      ['items/{id}', 'items', null],
      ['items/{id}', 'items/1/2', null],
      ['a/{x}/b/{y}', 'a/1/b/2', { x: '1', y: '2' }],
      ['files/{path*}', 'files', { path: '' }],
      ['files/{path*}', 'files/a/b/c', { path: 'a/b/c' }],
      ['files/:path+', 'files', null],
      ['files/:path+', 'files/a/b', { path: 'a/b' }],
      ['files/{path*}/raw', 'files/a/b/raw', { path: 'a/b' }],
      ['items/:id?', 'items', {}],
      ['items/:id?', 'items/3', { id: '3' }],
      ['items/{id}', 'items//', null],
      // path-to-regexp 6 (Dirigible 9 and 10): parameters between text, and parameters with a pattern
      ['items/{id}.json', 'items/7.json', { id: '7' }],
      ['items/{id}.json', 'items/7', null],
      ['files/:name.:ext', 'files/a.b.txt', { name: 'a', ext: 'b.txt' }],
      ['files/:name.:ext', 'files/readme', null],
      ['api/v:major', 'api/v2', { major: '2' }],
      ['num/:id(\\d+)', 'num/12', { id: '12' }],
      ['num/:id(\\d+)', 'num/ab', null],
      ['num/{id}(\\d+)', 'num/12', { id: '12' }],
      ['tags/:tag(\\w+)*', 'tags/a/b', { tag: 'a/b' }],
      ['tags/:tag(\\w+)*', 'tags/a/b-c', null],
      ['report-:year(\\d{4}).csv', 'report-2024.csv', { year: '2024' }],
      ['report-:year(\\d{4}).csv', 'report-24.csv', null],
      ['urn\\:isbn', 'urn:isbn', {}],
    ];
    for (const [template, requestPath, expected] of cases) {
      it(`"${template}" against "${requestPath}"`, () => {
        const matched = compile(template).match(requestPath);
        expect(matched === null ? null : { ...matched }).to.deep.equal(expected);
      });
    }

    it('a parameter named __proto__ is a plain property', () => {
      const matched = compile('{__proto__}').match('x');
      expect(Object.getOwnPropertyDescriptor(matched, '__proto__')?.value).to.equal('x');
    });
  });

  describe('media types', () => {
    it('matches wildcards on either side, ignoring parameters and case', () => {
      expect(media.compatible('application/json', '*/json')).to.equal(true);
      expect(media.compatible('application/*', 'application/json; charset=utf-8')).to.equal(true);
      expect(media.compatible('Application/JSON', 'application/json')).to.equal(true);
      expect(media.compatible('text/plain', 'application/json')).to.equal(false);
      expect(media.compatible('json', 'application/json')).to.equal(false);
    });

    it('takes any body without consumes or with */*', () => {
      expect(media.consumable(undefined, 'text/plain')).to.equal(true);
      expect(media.consumable(['*/*'], 'text/plain')).to.equal(true);
      expect(media.consumable(['application/json'], null)).to.equal(false);
    });
  });

  describe('dispatch', () => {
    const json = { serve: () => undefined, produces: ['application/json'] };
    const text = { serve: () => undefined, produces: ['text/plain'] };
    const post = { serve: () => undefined, consumes: ['application/json'] };
    const configuration = {
      'items/{id}': { get: [json, text], delete: [{}] },
      'items/new': { get: [{}] },
      items: { post: [post] },
    };

    it('prefers the literal template, and gives the parameters', () => {
      expect(dispatch(configuration, request('GET', 'items/new')).template).to.equal('items/new');
      const outcome = dispatch(configuration, request('GET', 'items/7'));
      expect(outcome.template).to.equal('items/{id}');
      expect({ ...outcome.pathParameters }).to.deep.equal({ id: '7' });
    });

    it('prefers a segment with text or a pattern to a bare parameter, whatever the order', () => {
      const serve = { serve: () => undefined };
      const templates = {
        'items/{id}': { get: [serve] },
        'items/{id}.json': { get: [serve] },
        'items/:id(\\d+)': { get: [serve] },
      };
      expect(dispatch(templates, request('GET', 'items/7.json')).template).to.equal('items/{id}.json');
      expect(dispatch(templates, request('GET', 'items/7')).template).to.equal('items/:id(\\d+)');
      expect(dispatch(templates, request('GET', 'items/x')).template).to.equal('items/{id}');
    });

    it('falls back to a less specific template that has the method', () => {
      expect(dispatch(configuration, request('DELETE', 'items/new')).template).to.equal('items/{id}');
    });

    it('picks by Accept quality and names the type to answer with', () => {
      const outcome = dispatch(configuration, request('GET', 'items/7', { accept: 'application/json;q=0.2, text/*' }));
      expect(outcome.spec).to.equal(text);
      expect(outcome.type).to.equal('text/plain');
      expect(dispatch(configuration, request('GET', 'items/7')).spec).to.equal(json);
    });

    it('says why nothing fits', () => {
      expect(dispatch(configuration, request('GET', 'other')).kind).to.equal('not-found');
      expect(dispatch(configuration, request('PUT', 'items/7'))).to.deep.include({
        kind: 'method-not-allowed',
        allow: ['GET', 'HEAD', 'DELETE', 'OPTIONS'],
      });
      expect(dispatch(configuration, request('POST', 'items', { contentType: 'text/csv' }))).to.deep.include({
        kind: 'unsupported',
        consumes: ['application/json'],
      });
      expect(dispatch(configuration, request('GET', 'items/7', { accept: 'image/png' }))).to.deep.include({
        kind: 'not-acceptable',
        produces: ['application/json', 'text/plain'],
      });
      expect(dispatch(configuration, request('OPTIONS', 'items')).kind).to.equal('options');
    });

    it('serves HEAD with the GET handlers, and a request without a body with any consumes', () => {
      expect(dispatch(configuration, request('HEAD', 'items/7')).spec).to.equal(json);
      expect(dispatch(configuration, request('POST', 'items')).spec).to.equal(post);
    });
  });
});
