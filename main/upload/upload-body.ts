/**
 * Reads a request's body for the runtime (request-body.ts: size and time limits, bodies earlier
 * middleware parsed): a multipart/form-data body up to `uploadMaxSize` and parsed into its parts
 * (uploads), any other body up to `maxBodySize`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CodedError, UploadConsumedError, UploadTooLargeError } from '../../common/errors.js';
import type { MaybePromise } from '../../common/maybe-promise.js';
import type { UploadSnapshot } from '../../common/upload.js';
import { type BodyLimits, bodyConsumed, declaresNoBody, keptRawBody, requestBody } from '../server/request-body.js';
import { isMultipartFormData, parseMultipart } from './multipart.js';
import type { UploadOptions } from './upload-options.js';

/** The body of a request and, for a multipart/form-data request, its parsed parts. */
export interface RequestBody {
  body: Buffer;
  upload?: UploadSnapshot;
}

/** What a request that declares no body reads as (shared: a zero-length buffer cannot change). */
const NO_BODY: RequestBody = { body: Buffer.alloc(0) };

/**
 * Reads (and for uploads parses) the body; rejects with a 400 or 413 coded error. A request that
 * declares no body (a GET, mostly) is answered at once, without a stream read, timer or promise.
 */
export function readRequestBody(
  request: IncomingMessage,
  response: ServerResponse,
  settings: Required<UploadOptions> & BodyLimits,
): MaybePromise<RequestBody> {
  const contentType = request.headers['content-type'];
  if (!isMultipartFormData(contentType)) {
    if (declaresNoBody(request) && !bodyConsumed(request)) return NO_BODY;
    return requestBody(request, response, settings).then((body) => ({ body }));
  }
  return readUpload(request, response, settings, contentType as string);
}

async function readUpload(
  request: IncomingMessage,
  response: ServerResponse,
  settings: Required<UploadOptions> & BodyLimits,
  contentType: string,
): Promise<RequestBody> {
  // multer and the like keep fields and files apart (and files maybe on disk): the parts as sent,
  // their order and headers, are gone. Only a kept `rawBody` (requestBody's first choice) is whole.
  if (bodyConsumed(request) && keptRawBody(request) === undefined) throw new UploadConsumedError();
  let body: Buffer;
  try {
    body = await requestBody(request, response, { ...settings, maxBodySize: settings.uploadMaxSize });
  } catch (error) {
    if (error instanceof CodedError && error.code === 'ERR_BODY_TOO_LARGE')
      throw new UploadTooLargeError(settings.uploadMaxSize);
    throw error;
  }
  const upload = await parseMultipart(body, contentType, {
    maxFileSize: settings.uploadMaxFileSize,
    maxFiles: settings.uploadMaxFiles,
  });
  return { body, upload };
}
