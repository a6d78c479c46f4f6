/**
 * Host half of `http/v4/upload`: the parts of a multipart/form-data request, which the main
 * process parsed before the run. Metadata crosses as JSON text, bytes as a binary string (one
 * character per byte) that the guest wrapper turns into an array.
 */
import { InvalidArgumentError, NoHttpRequestError, NotMultipartError } from '../../common/errors.js';
import type { UploadItem, UploadSnapshot } from '../../common/upload.js';
import type { Facade, RequestContext } from './context.js';

function uploadOf(context: RequestContext | undefined, method: string): UploadSnapshot {
  if (context === undefined) throw new NoHttpRequestError(method);
  const upload = context.request.upload;
  if (upload === undefined) throw new NotMultipartError(method);
  return upload;
}

function itemOf(
  context: RequestContext | undefined,
  method: string,
  index: unknown,
): { item: UploadItem; bytes: Buffer } {
  const upload = uploadOf(context, method);
  const item = Number.isInteger(index) ? upload.items[index as number] : undefined;
  if (item === undefined)
    throw new InvalidArgumentError('get', `no item at index ${String(index)} (there are ${upload.items.length})`);
  const bytes = Buffer.from(upload.data.buffer, upload.data.byteOffset + item.offset, item.size);
  return { item, bytes };
}

/** The upload facade, by function name. */
export const uploadFacade: Facade = {
  isMultipartContent: (context) => {
    if (context === undefined) throw new NoHttpRequestError('isMultipartContent');
    return context.request.upload !== undefined;
  },
  count: (context) => uploadOf(context, 'parseRequest').items.length,
  // The SDK's list of the files only: its get(index) with no file there fails as get does here.
  noFile: (_context, [index, count]) => {
    throw new InvalidArgumentError('get', `no file at index ${String(index)} (there are ${String(count)})`);
  },
  item: (context, [index]) => {
    const { item } = itemOf(context, 'get', index);
    return JSON.stringify({
      // A part whose Content-Disposition names no field: null, as Dirigible's FileItem answers.
      fieldName: item.fieldName ?? null,
      name: item.fileName,
      contentType: item.contentType,
      size: item.size,
      formField: item.formField,
      headers: item.headers,
    });
  },
  bytes: (context, [index]) => itemOf(context, 'getBytes', index).bytes.toString('latin1'),
  text: (context, [index]) => itemOf(context, 'getText', index).bytes.toString('utf8'),
};
