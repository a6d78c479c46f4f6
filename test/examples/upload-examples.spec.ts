/**
 * The upload examples `npm start` serves: the form (examples/upload-form.js) and the upload
 * modules' Basic Usage (examples/docs/upload-v4.js, upload-v2.js), through a real runtime.
 */
import { expect } from 'chai';
import { examplesDir } from '../support/paths.js';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

describe('upload examples', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ root: examplesDir });
  });
  after(() => harness.close());

  it('upload-form.js shows a multipart form on GET', async () => {
    const response = await harness.client().get('/services/js/upload-form.js');
    expect(response.headers.get('content-type')).to.equal('text/html; charset=utf-8');
    expect(response.text).to.include('<form method="post" enctype="multipart/form-data">');
  });

  it('upload-form.js lists the fields and files posted, escaped', async () => {
    const form = new FormData();
    form.append('title', '<b>hi</b>');
    form.append('file', new Blob(['12345'], { type: 'text/plain' }), 'notes.txt');
    const response = await harness.client().request('/services/js/upload-form.js', { method: 'POST', body: form });
    expect(response.text).to.include('<li>field title: &lt;b&gt;hi&lt;/b&gt;</li>');
    expect(response.text).to.include('<li>file notes.txt (text/plain, 5 bytes)</li>');
  });

  it("docs/upload-v4.js (the upload module's Basic Usage) prints each part", async () => {
    expect((await harness.client().get('/services/js/docs/upload-v4.js')).text).to.equal('Use POST request.\n');
    const form = new FormData();
    form.append('file', new Blob(['abc']), 'a.txt');
    const response = await harness.client().request('/services/js/docs/upload-v4.js', { method: 'POST', body: form });
    expect(response.text).to.equal('File Name: a.txt\nFile Bytes (as text): abc\n');
  });

  it("docs/upload-v2.js (net/http/upload's Basic Usage) prints each file's name and data", async () => {
    const form = new FormData();
    form.append('title', 'not a file');
    form.append('file', new Blob(['abc']), 'a.txt');
    const response = await harness.client().request('/services/js/docs/upload-v2.js', { method: 'POST', body: form });
    expect(response.text).to.equal('[File Name] a.txt\n[File Data]\nabc\n');
  });
});
