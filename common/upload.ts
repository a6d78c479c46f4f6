/**
 * The parts of a multipart/form-data request, as parsed by the main process and handed to the
 * sandbox with the request: metadata per part, and the parts' bytes packed one after the other.
 */

/** One part of a multipart body: a form field or an uploaded file. */
export interface UploadItem {
  /** The form field's name (`name` of `Content-Disposition`). */
  fieldName: string;
  /** The file's name as the client sent it; `null` for a form field. */
  fileName: string | null;
  /** The part's `Content-Type`; `null` when it sent none (usual for form fields). */
  contentType: string | null;
  /** True for a form field (a part without a file name). */
  formField: boolean;
  /** The part's headers, `[name, value]` as parsed (names lower-cased). */
  headers: Array<[string, string]>;
  /** Where the part's bytes start in `UploadSnapshot.data`. */
  offset: number;
  /** Size of the part's bytes. */
  size: number;
}

/** The parsed parts of one request. */
export interface UploadSnapshot {
  items: UploadItem[];
  /** Every part's bytes, one after the other (see `UploadItem.offset`). */
  data: Uint8Array;
}

/** The upload as it travels in a run frame's request JSON: the bytes follow the request body in the frame's body. */
export interface FramedUpload {
  items: UploadItem[];
  /** Length of the request body in the frame's body (after the request's JSON); the upload bytes follow it. */
  bodyLength: number;
}
