/**
 * The multipart parser of the main process, alone: the parts and their packed bytes, file names,
 * each limit, malformed bodies, and the option checks.
 */
import { expect } from 'chai';
import { parseMultipart } from '../../../main/upload/multipart.js';
import { UPLOAD_DEFAULTS, resolveUploadOptions } from '../../../main/upload/upload-options.js';

const BOUNDARY = 'b0undary';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function body(...parts: Array<{ name: string; file?: string; type?: string; data: string | Buffer }>): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.file !== undefined) head += `; filename="${part.file}"`;
    head += '\r\n';
    if (part.type !== undefined) head += `Content-Type: ${part.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.from(part.data), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const limits = { maxFileSize: 100, maxFiles: 2 };

describe('parseMultipart', () => {
  it('returns fields and files in order, their bytes packed one after the other', async () => {
    const upload = await parseMultipart(
      body(
        { name: 'a', data: 'one' },
        { name: 'f', file: 'x.bin', type: 'application/x-thing', data: Buffer.from([0, 255, 10]) },
        { name: 'b', data: '' },
      ),
      TYPE,
      limits,
    );
    expect(upload.items.map(({ headers: _headers, ...item }) => item)).to.deep.equal([
      { fieldName: 'a', fileName: null, contentType: null, formField: true, offset: 0, size: 3 },
      { fieldName: 'f', fileName: 'x.bin', contentType: 'application/x-thing', formField: false, offset: 3, size: 3 },
      { fieldName: 'b', fileName: null, contentType: null, formField: true, offset: 6, size: 0 },
    ]);
    expect([...upload.data]).to.deep.equal([...Buffer.from('one'), 0, 255, 10]);
  });

  it('a file name loses any directory part, a backslash counting as a separator (Chromium sends a\\b.txt as is)', async () => {
    const names = ['dir/a.txt', 'C:\\Users\\me\\a.txt', 'back\\slash.txt', '..', 'Grüße ✓.txt'];
    const upload = await parseMultipart(body(...names.map((file) => ({ name: 'f', file, data: 'x' }))), TYPE, {
      maxFileSize: 100,
      maxFiles: 10,
    });
    expect(upload.items.map((item) => item.fileName)).to.deep.equal(['a.txt', 'a.txt', 'slash.txt', '', 'Grüße ✓.txt']);
  });

  it('a part exactly at the size limit passes; one byte more is ERR_UPLOAD_FILE_TOO_LARGE', async () => {
    await parseMultipart(body({ name: 'f', file: 'ok', data: Buffer.alloc(100) }), TYPE, limits);
    await parseMultipart(body({ name: 'field', data: 'x'.repeat(100) }), TYPE, limits);
    const field = await parseMultipart(body({ name: 'field', data: 'x'.repeat(101) }), TYPE, limits).catch(
      (e: unknown) => e,
    );
    expect(field).to.include({ code: 'ERR_UPLOAD_FILE_TOO_LARGE' });
    const error = await parseMultipart(body({ name: 'f', file: 'big', data: Buffer.alloc(101) }), TYPE, limits).catch(
      (e: unknown) => e,
    );
    expect(error).to.include({ code: 'ERR_UPLOAD_FILE_TOO_LARGE', status: 413 });
  });

  it('more files than the limit: ERR_UPLOAD_TOO_MANY_FILES', async () => {
    const three = body(...['1', '2', '3'].map((n) => ({ name: 'f', file: n, data: n })));
    const error = await parseMultipart(three, TYPE, limits).catch((e: unknown) => e);
    expect(error).to.include({ code: 'ERR_UPLOAD_TOO_MANY_FILES', status: 413 });
  });

  it('more than 1000 form fields: ERR_UPLOAD_TOO_MANY_FILES naming fields', async () => {
    const many = body(...Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}`, data: 'x' })));
    const error = await parseMultipart(many, TYPE, { maxFileSize: 100, maxFiles: 2 }).catch((e: unknown) => e);
    expect(error).to.include({ code: 'ERR_UPLOAD_TOO_MANY_FILES' });
    expect((error as Error).message).to.match(/1000 fields/);
  });

  it('malformed: no boundary, a body cut short, garbage: ERR_UPLOAD_MALFORMED (400)', async () => {
    for (const [text, type] of [
      ['x', 'multipart/form-data'],
      [`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nabc`, TYPE],
      ['not multipart at all', TYPE],
    ] as const) {
      const error = await parseMultipart(Buffer.from(text), type, limits).catch((e: unknown) => e);
      expect(error, text).to.include({ code: 'ERR_UPLOAD_MALFORMED', status: 400 });
    }
  });
});

describe('upload options', () => {
  it('documented defaults: 10 MiB per file, 10 files, 20 MiB in all', () => {
    expect(resolveUploadOptions({})).to.deep.equal({
      uploadMaxFileSize: 10 * 1024 * 1024,
      uploadMaxFiles: 10,
      uploadMaxSize: 20 * 1024 * 1024,
    });
    expect(UPLOAD_DEFAULTS.uploadMaxFiles).to.equal(10);
  });

  it('a bad one throws ERR_INVALID_OPTION naming it', () => {
    expect(() => resolveUploadOptions({ uploadMaxFiles: 0 })).to.throw(/option "uploadMaxFiles"/);
    expect(() => resolveUploadOptions({ uploadMaxSize: 1.5 })).to.throw(/option "uploadMaxSize"/);
  });
});
