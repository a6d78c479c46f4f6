/**
 * http/v4/upload (and its aliases, sdk/http's Upload and v2's net/http/upload) through a real runtime: the parts a
 * multipart/form-data request carried, every FileItem function, and the answers of the limits
 * (413) and of a malformed body (400), which end the request before the script or its session.
 */
import { expect } from 'chai';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

interface ItemReport {
  name: string | null;
  fieldName: string;
  contentType: string | null;
  size: number;
  empty: boolean;
  formField: boolean;
  bytes: number[];
  text: string;
  headerNames: string[];
  disposition: string;
}

function form(): FormData {
  const data = new FormData();
  data.append('title', 'héllo');
  data.append('file', new Blob([Buffer.from([104, 105, 0, 255])], { type: 'image/png' }), 'a.png');
  data.append('file', new Blob([]), '');
  return data;
}

describe('http/v4/upload', () => {
  let harness: Harness;
  before(async () => {
    harness = await startRuntime({ uploadMaxFileSize: 1000, uploadMaxFiles: 3, uploadMaxSize: 4000 });
  });
  after(() => harness.close());

  const post = (path: string, body: NonNullable<RequestInit['body']>, headers: Record<string, string> = {}) =>
    harness.client().request(`/services/js/${path}`, { method: 'POST', body, headers });

  it('runs the upload example of the Dirigible docs verbatim', async () => {
    const response = await post('upload/dirigible-example.js', form());
    expect(response.status).to.equal(200);
    expect(response.text).to.equal(
      'Field Name: title\nField Text: héllo\nFile Name: a.png\nFile Bytes (as text): hi\u0000ÿ\nFile Name: \nFile Bytes (as text): \n',
    );
  });

  it("runs the upload example of Dirigible 10's SDK docs verbatim: getOriginalFilename(), write(getBytesNative())", async () => {
    const data = new FormData();
    data.append('file', new Blob(['a,b\n1,2\n'], { type: 'text/csv' }), 'a.csv');
    const response = await harness.client().request('/services/js/upload/sdk-dirigible10-example.mjs', {
      method: 'POST',
      body: data,
    });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(response.text).to.equal('a,b\n1,2\n');
  });

  it('every FileItem function: names, content type, size, bytes, text, form field or file, empty, headers', async () => {
    const report = (await post('upload/items.js', form())).json<{ multipart: boolean; items: ItemReport[] }>();
    expect(report.multipart).to.equal(true);
    const [field, file, empty] = report.items;
    expect(field).to.deep.include({
      name: null,
      fieldName: 'title',
      contentType: null,
      formField: true,
      text: 'héllo',
    });
    expect(field?.size).to.equal(Buffer.byteLength('héllo'));
    expect(file).to.deep.include({
      name: 'a.png',
      fieldName: 'file',
      contentType: 'image/png',
      size: 4,
      empty: false,
      formField: false,
      bytes: [104, 105, 0, 255],
      headerNames: ['content-disposition', 'content-type'],
      disposition: 'form-data; name="file"; filename="a.png"',
    });
    expect(empty).to.deep.include({ name: '', size: 0, empty: true, formField: false, bytes: [] });
  });

  it('get(index) past the end throws a TypeError ERR_INVALID_ARG', async () => {
    const report = (await post('upload/items.js', form())).json<{ outOfRange: string }>();
    expect(report.outOfRange).to.equal('TypeError|ERR_INVALID_ARG');
  });

  it('isMultipartContent() is false and parseRequest() throws ERR_NOT_MULTIPART for other bodies', async () => {
    const report = (
      await post('upload/items.js', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })
    ).json<{ multipart: boolean; error: string }>();
    expect(report.multipart).to.equal(false);
    expect(report.error).to.equal(
      'NotMultipartError|ERR_NOT_MULTIPART|parseRequest: the request is not multipart/form-data',
    );
  });

  it('isMultipartContent() is true for multipart/form-data of any method, a PUT too (Dirigible: POST only)', async () => {
    const response = await harness.client().request('/services/js/upload/items.js', { method: 'PUT', body: form() });
    const report = response.json<{ multipart: boolean; items: ItemReport[] }>();
    expect(report.multipart).to.equal(true);
    expect(report.items.map((item) => item.fieldName)).to.deep.equal(['title', 'file', 'file']);
  });

  it('the same module as http/upload and http/v3/upload; sdk/http Upload lists the files only', async () => {
    const aliases = await harness.client().get('/services/js/upload/aliases.js');
    expect(aliases.json()).to.deep.equal({ upload: true, v3: true, v2: false });
    const sdk = (await post('upload/sdk-upload.mjs', form())).json();
    expect(sdk).to.deep.equal({
      same: true,
      multipart: true,
      names: ['a.png:hi\u0000\ufffd', ':'],
      outOfRange: [
        'TypeError|ERR_INVALID_ARG|get: no file at index 2 (there are 2)',
        'TypeError|ERR_INVALID_ARG|get: no file at index -1 (there are 2)',
        'TypeError|ERR_INVALID_ARG|get: no file at index 0.5 (there are 2)',
      ],
    });
  });

  it("a part whose Content-Disposition names no field: getFieldName() is null, as Dirigible's FileItem answers", async () => {
    const body = '--xx\r\nContent-Disposition: form-data; filename="a.txt"\r\n\r\nabc\r\n--xx--\r\n';
    const report = (await post('upload/items.js', body, { 'content-type': 'multipart/form-data; boundary=xx' })).json<{
      items: ItemReport[];
    }>();
    expect(report.items).to.have.length(1);
    expect(report.items[0]).to.deep.include({ name: 'a.txt', fieldName: null, text: 'abc' });
  });

  it('a quote or line break in a name cannot break the rebuilt Content-Disposition; a part naming no field has no name in it', async () => {
    const body =
      '--xx\r\nContent-Disposition: form-data; name="f"; filename="a\\"b.txt"\r\n\r\nabc\r\n' +
      '--xx\r\nContent-Disposition: form-data; filename="c.txt"\r\n\r\ndef\r\n--xx--\r\n';
    const report = (await post('upload/items.js', body, { 'content-type': 'multipart/form-data; boundary=xx' })).json<{
      items: ItemReport[];
    }>();
    expect(report.items.map((item) => [item.name, item.disposition])).to.deep.equal([
      ['a"b.txt', 'form-data; name="f"; filename="a%22b.txt"'],
      ['c.txt', 'form-data; filename="c.txt"'],
    ]);
  });

  it("a multipart form's fields are request parameters, after the query's; its files are not", async () => {
    const data = form();
    data.append('tag', 'a');
    data.append('tag', 'b');
    const report = (await post('upload/form-parameters.mjs?tag=q', data)).json();
    expect(report).to.deep.equal({
      title: 'héllo',
      tags: ['q', 'a', 'b'],
      names: ['tag', 'title'],
      file: null,
      files: 2,
      v4: { tag: ['q', 'a', 'b'], title: ['héllo'] },
      v2: 'héllo',
    });
  });

  describe('net/http/upload (v2): an array of HttpFileEntry', () => {
    const file = { name: 'a.png', contentType: 'image/png', size: 4 };

    it('lists the files with a name (no form fields, no empty file inputs), their data loaded', async () => {
      const report = (await post('upload/v2-files.js', form())).json<Record<string, unknown>>();
      expect(report).to.deep.include({ multipart: true, isArray: true });
      expect(report.eager).to.deep.equal([{ ...file, lazy: false, data: [104, 105, 0, 255] }]);
    });

    it('parseRequest(true): data stays null until loadData(), which loads it once', async () => {
      const report = (await post('upload/v2-files.js', form())).json<Record<string, unknown>>();
      expect(report.lazy).to.deep.equal([{ ...file, lazy: true, data: null }]);
      expect(report.loaded).to.deep.equal([[104, 105, 0, 255]]);
      expect(report.loadedOnce).to.equal(true);
    });

    it('copyData(response) writes the bytes to the response; another output is a TypeError coded ERR_INVALID_ARG', async () => {
      const copied = await fetch(`${harness.url}/services/js/upload/v2-files.js?copy`, {
        method: 'POST',
        body: form(),
      });
      expect([...new Uint8Array(await copied.arrayBuffer())]).to.deep.equal([104, 105, 0, 255]);
      const report = (await post('upload/v2-files.js', form())).json<{ badOutput: string }>();
      expect(report.badOutput).to.equal(
        'TypeError|ERR_INVALID_ARG|copyData: expected an output with write(bytes) or writeOutput(bytes), such as the response',
      );
    });

    it('a request that is not multipart has no files', async () => {
      const report = (
        await post('upload/v2-files.js', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })
      ).json<Record<string, unknown>>();
      expect(report).to.deep.include({ multipart: false, eager: [], lazy: [], loaded: [] });
    });
  });

  describe('limits and malformed bodies', () => {
    const expectError = async (
      body: NonNullable<RequestInit['body']>,
      status: number,
      code: string,
      headers?: Record<string, string>,
    ) => {
      const response = await post('upload/items.js', body, headers);
      expect(response.status).to.equal(status);
      expect(response.json()).to.include({ status, code });
      expect(response.setCookies).to.deep.equal([]);
      return response.json<{ message: string }>().message;
    };

    it('a file over uploadMaxFileSize: 413 ERR_UPLOAD_FILE_TOO_LARGE naming the file', async () => {
      const data = new FormData();
      data.append('file', new Blob([Buffer.alloc(1001)]), 'big.bin');
      const message = await expectError(data, 413, 'ERR_UPLOAD_FILE_TOO_LARGE');
      expect(message).to.equal('upload: part "big.bin" exceeds the limit of 1000 bytes per file');
    });

    it('a form field over uploadMaxFileSize too', async () => {
      const data = new FormData();
      data.append('note', 'x'.repeat(1001));
      await expectError(data, 413, 'ERR_UPLOAD_FILE_TOO_LARGE');
    });

    it('more files than uploadMaxFiles: 413 ERR_UPLOAD_TOO_MANY_FILES', async () => {
      const data = new FormData();
      for (let i = 0; i < 4; i++) data.append('file', new Blob(['x']), `f${i}.txt`);
      const message = await expectError(data, 413, 'ERR_UPLOAD_TOO_MANY_FILES');
      expect(message).to.equal('upload: more than 3 files in one request');
    });

    it('a body over uploadMaxSize: 413 ERR_UPLOAD_TOO_LARGE (it replaces maxBodySize for uploads)', async () => {
      const data = new FormData();
      for (let i = 0; i < 3; i++) data.append('file', new Blob([Buffer.alloc(900)]), `f${i}.txt`);
      data.append('more', 'y'.repeat(900));
      data.append('more', 'y'.repeat(900));
      await expectError(data, 413, 'ERR_UPLOAD_TOO_LARGE');
    });

    it('a body cut short: 400 ERR_UPLOAD_MALFORMED', async () => {
      const body = '--xx\r\nContent-Disposition: form-data; name="a"\r\n\r\nabc';
      const message = await expectError(body, 400, 'ERR_UPLOAD_MALFORMED', {
        'content-type': 'multipart/form-data; boundary=xx',
      });
      expect(message).to.match(/^malformed multipart\/form-data body: /);
    });

    it('no boundary: 400 ERR_UPLOAD_MALFORMED', async () => {
      await expectError('--xx--\r\n', 400, 'ERR_UPLOAD_MALFORMED', { 'content-type': 'multipart/form-data' });
    });

    it('the server goes on serving after each', async () => {
      const response = await post('upload/dirigible-example.js', form());
      expect(response.status).to.equal(200);
    });
  });
});
