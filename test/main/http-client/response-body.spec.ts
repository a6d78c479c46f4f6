/**
 * Which client responses a script gets as `text`: docs/http-client.md's list (`text/*`, JSON, XML,
 * CSV, JavaScript, form data, and any `+json` or `+xml` type), and which as bytes.
 */
import { expect } from 'chai';
import { isTextType } from '../../../main/http-client/response-body.js';

describe('isTextType', () => {
  it('text/*, JSON, XML, CSV, JavaScript and form data are text, parameters and case aside', () => {
    for (const type of [
      'text/plain',
      'TEXT/HTML; charset=ISO-8859-1',
      'application/json; charset=utf-8',
      'application/xml',
      'application/csv',
      'application/javascript',
      'application/x-www-form-urlencoded',
    ])
      expect(isTextType(type), type).to.equal(true);
  });

  it('any +json or +xml type is text, whatever its top-level type (image/svg+xml too)', () => {
    for (const type of ['application/ld+json', 'application/atom+xml', 'image/svg+xml', 'model/vnd.collada+xml'])
      expect(isTextType(type), type).to.equal(true);
  });

  it('other types, and none, are bytes', () => {
    for (const type of [null, '', 'application/octet-stream', 'image/png', 'application/pdf', 'application/jsonx'])
      expect(isTextType(type), String(type)).to.equal(false);
  });
});
