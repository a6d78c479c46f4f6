/**
 * Parses a multipart/form-data body with busboy, in the main process, before the script runs: the
 * script gets every part, or the request ends with a coded error (400 malformed, 413 a limit) and
 * the script never sees a half-parsed upload.
 */
import busboy from 'busboy';
import { UploadFileTooLargeError, UploadMalformedError, UploadTooManyFilesError } from '../../common/errors.js';
import type { UploadItem, UploadSnapshot } from '../../common/upload.js';
import { UPLOAD_MAX_FIELDS } from './upload-options.js';

/** The limits one multipart body is parsed with. */
export interface MultipartLimits {
  /** Largest file or field, bytes. */
  maxFileSize: number;
  /** Most files. */
  maxFiles: number;
}

/** Feeding busboy in slices keeps one parse step small. */
const SLICE = 64 * 1024;

/** True when `contentType` says multipart/form-data. */
export function isMultipartFormData(contentType: string | undefined): boolean {
  return /^\s*multipart\/form-data\s*(;|$)/i.test(contentType ?? '');
}

/**
 * Parses `body` (a whole multipart/form-data body) into its parts.
 * @throws UploadMalformedError (400), UploadFileTooLargeError or UploadTooManyFilesError (413)
 */
export function parseMultipart(
  body: Uint8Array,
  contentType: string,
  limits: MultipartLimits,
): Promise<UploadSnapshot> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defParamCharset: 'utf8',
        limits: {
          // busboy reports a part that reaches its limit; ours is the largest size allowed.
          fileSize: limits.maxFileSize + 1,
          fieldSize: limits.maxFileSize + 1,
          files: limits.maxFiles,
          fields: UPLOAD_MAX_FIELDS,
        },
      });
    } catch (error) {
      reject(new UploadMalformedError(error instanceof Error ? error.message : String(error)));
      return;
    }
    const parts: Array<{ item: Omit<UploadItem, 'offset' | 'size'>; chunks: Buffer[] }> = [];
    let openFiles = 0;
    let parsed = false;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    const finish = () => {
      if (failed || !parsed || openFiles > 0) return;
      resolve(pack(parts));
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(new UploadFileTooLargeError(name, limits.maxFileSize));
      const item = { fieldName: name, fileName: null, contentType: null, formField: true, headers: disposition(name) };
      parts.push({ item, chunks: [Buffer.from(value, 'utf8')] });
    });
    parser.on('file', (name, stream, info) => {
      // busboy gives no filename for an empty one (an empty file input sends filename=""), and takes
      // a part with none for a file when its type is application/octet-stream: both are files named "".
      const fileName = info.filename ?? '';
      const headers = disposition(name, fileName);
      headers.push(['content-type', info.mimeType]);
      const part = {
        item: { fieldName: name, fileName, contentType: info.mimeType, formField: false, headers },
        chunks: [] as Buffer[],
      };
      parts.push(part);
      openFiles++;
      stream.on('data', (chunk: Buffer) => part.chunks.push(chunk));
      stream.on('limit', () => fail(new UploadFileTooLargeError(fileName || name, limits.maxFileSize)));
      stream.on('error', (error: Error) => fail(new UploadMalformedError(error.message)));
      stream.on('end', () => {
        openFiles--;
        finish();
      });
    });
    parser.on('filesLimit', () => fail(new UploadTooManyFilesError('files', limits.maxFiles)));
    parser.on('fieldsLimit', () => fail(new UploadTooManyFilesError('fields', UPLOAD_MAX_FIELDS)));
    parser.on('error', (error: Error) => fail(new UploadMalformedError(error.message)));
    parser.on('close', () => {
      parsed = true;
      finish();
    });
    for (let offset = 0; offset < body.length; offset += SLICE) parser.write(body.subarray(offset, offset + SLICE));
    parser.end();
  });
}

/**
 * The `Content-Disposition` of a part, rebuilt from what busboy read: names quoted as the HTML
 * standard encodes them in a form submission (`"` as `%22`, line breaks escaped), so a name or file
 * name with a quote cannot break the header; a part that named no field has no `name`.
 */
function disposition(name: string | undefined, fileName: string | null = null): Array<[string, string]> {
  let value = 'form-data';
  if (name !== undefined) value += `; name="${quoted(name)}"`;
  if (fileName !== null) value += `; filename="${quoted(fileName)}"`;
  return [['content-disposition', value]];
}

function quoted(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The parts' metadata with offsets into one buffer of all their bytes. */
function pack(parts: Array<{ item: Omit<UploadItem, 'offset' | 'size'>; chunks: Buffer[] }>): UploadSnapshot {
  let offset = 0;
  const items: UploadItem[] = [];
  const all: Buffer[] = [];
  for (const { item, chunks } of parts) {
    const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    items.push({ ...item, offset, size });
    all.push(...chunks);
    offset += size;
  }
  return { items, data: Buffer.concat(all, offset) };
}
