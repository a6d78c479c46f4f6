/**
 * The upload options of `createRuntime` (limits of multipart/form-data requests), their defaults,
 * and their check at start-up.
 */
import { InvalidOptionError } from '../../common/errors.js';

export interface UploadOptions {
  /** Largest uploaded file (or form field) of a multipart request, bytes; beyond it the answer is 413. Default 10 MiB. */
  uploadMaxFileSize?: number;
  /** Most files in one multipart request; beyond it the answer is 413. Default 10. */
  uploadMaxFiles?: number;
  /** Largest multipart request body, bytes (it replaces `maxBodySize` for such requests); beyond it the answer is 413. Default 20 MiB. */
  uploadMaxSize?: number;
}

/** Most form fields (parts without a file name) in one multipart request. */
export const UPLOAD_MAX_FIELDS = 1000;

export const UPLOAD_DEFAULTS: Readonly<Required<UploadOptions>> = Object.freeze({
  uploadMaxFileSize: 10 * 1024 * 1024,
  uploadMaxFiles: 10,
  uploadMaxSize: 20 * 1024 * 1024,
});

/** The upload options with defaults filled in; throws `ERR_INVALID_OPTION` naming a bad one. */
export function resolveUploadOptions(options: UploadOptions): Required<UploadOptions> {
  const resolved = { ...UPLOAD_DEFAULTS };
  for (const name of Object.keys(UPLOAD_DEFAULTS) as Array<keyof UploadOptions>) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) throw new InvalidOptionError(name, 'must be a whole number >= 1');
    resolved[name] = value;
  }
  return resolved;
}
