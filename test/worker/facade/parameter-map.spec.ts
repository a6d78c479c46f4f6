import { expect } from 'chai';
import { appendParameters } from '../../../worker/facade/parameter-map.js';

/** A map that counts the entries written into it. */
class CountingMap extends Map<string, string[]> {
  writes = 0;
  override set(name: string, values: string[]): this {
    this.writes++;
    return super.set(name, values);
  }
}

describe('request parameters by name (getParameter, getParameterValues)', () => {
  it('keeps every value of a name in the order given, after those already there', () => {
    const parameters = appendParameters(new Map(), new URLSearchParams('a=1&b=2&a=3'));
    appendParameters(parameters, [
      ['a', '4'],
      ['c', ''],
    ]);
    expect([...parameters]).to.deep.equal([
      ['a', ['1', '3', '4']],
      ['b', ['2']],
      ['c', ['']],
    ]);
  });

  it('writes one entry per name, however often a name repeats (a form of 50,000 a=1 costs linear work)', () => {
    const parameters = new CountingMap();
    const pairs = Array.from({ length: 50_000 }, (_, index): [string, string] => [index % 2 === 0 ? 'a' : 'b', '1']);
    appendParameters(parameters, pairs);
    expect(parameters.writes).to.equal(2);
    expect(parameters.get('a')).to.have.length(25_000);
    expect(parameters.get('b')).to.have.length(25_000);
  });
});
