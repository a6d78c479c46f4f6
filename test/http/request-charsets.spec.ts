/**
 * The request's text in the charsets clients send, through a real worker: form bodies read in the
 * `charset` of their Content-Type (as a servlet container's `getParameter` reads them), the
 * charset itself unquoted, and cookies read as UTF-8 one by one.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

interface Decoded {
  characterEncoding: string | null;
  parameters: Record<string, string[]>;
  cookies: { name: string; value: string }[];
}

describe('request: charsets of form bodies, Content-Type and cookies', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime();
  });
  after(() => harness.close());

  const send = async (init: RequestInit, query = '') =>
    (await harness.client().request(`/services/js/request/charsets.js${query}`, init)).json<Decoded>();
  const form = (contentType: string, body: Buffer) =>
    send({ method: 'POST', headers: { 'content-type': contentType }, body });

  it('reads a form body in its ISO-8859-1 charset, escaped and raw', async () => {
    const seen = await form(
      'application/x-www-form-urlencoded; charset=ISO-8859-1',
      Buffer.from('city=K%F6ln&raw=M\xfcnchen&a+b=%80', 'latin1'),
    );
    expect(seen.parameters).to.deep.equal({ city: ['Köln'], raw: ['München'], 'a b': ['\u0080'] });
  });

  it('reads a form body in another charset Node knows (Shift_JIS)', async () => {
    const sjis = await form('application/x-www-form-urlencoded; charset=Shift_JIS', Buffer.from('kana=%82%A0'));
    expect(sjis.parameters).to.deep.equal({ kana: ['あ'] });
  });

  it('reads UTF-8 without a charset or with an unknown one, the query string first, as before', async () => {
    const body = Buffer.from('a=K%C3%B6ln&a=Köln&flag&bad=%ZZ&=e&f==g');
    const expected = { q: ['ü'], a: ['Köln', 'Köln'], flag: [''], bad: ['%ZZ'], '': ['e'], f: ['=g'] };
    const plain = await send(
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
      '?q=%C3%BC',
    );
    expect(plain.parameters).to.deep.equal(expected);
    const unknown = await send(
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=no-such' }, body },
      '?q=%C3%BC',
    );
    expect(unknown.parameters).to.deep.equal(expected);
  });

  it('answers the charset of Content-Type without its quotes', async () => {
    const seen = await send({ method: 'POST', headers: { 'content-type': 'text/plain; charset="UTF-8"' }, body: 'x' });
    expect(seen.characterEncoding).to.equal('UTF-8');
    const bare = await send({ method: 'POST', headers: { 'content-type': 'text/plain;charset=utf-8' }, body: 'x' });
    expect(bare.characterEncoding).to.equal('utf-8');
    const none = await send({ method: 'POST', headers: { 'content-type': 'text/plain; format=charset=x' }, body: 'x' });
    expect(none.characterEncoding).to.equal(null);
  });

  it('reads each cookie sent as UTF-8 as UTF-8, even beside one in Latin-1', async () => {
    // fetch sends header text one byte per character: 'K\xc3\xb6ln' is Köln's UTF-8 bytes.
    const seen = await send({ headers: { cookie: 'a=K\xc3\xb6ln; b=M\xfcnchen; c=K%C3%B6ln' } });
    expect(seen.cookies).to.deep.equal([
      { name: 'a', value: 'Köln' },
      { name: 'b', value: 'München' },
      { name: 'c', value: 'Köln' },
    ]);
  });
});
