/**
 * `http/v4/upload`: the parts of a `multipart/form-data` request (Eclipse Dirigible API v4). The
 * runtime parses the body before the script runs, within the limits `uploadMaxFileSize`,
 * `uploadMaxFiles` and `uploadMaxSize`; a body over a limit (413) or malformed (400) never reaches
 * the script.
 *
 * Should a function be called without an HTTP request, it throws a `NoHttpRequestError` (code
 * `ERR_NO_HTTP_REQUEST`) naming it.
 */
declare module 'http/v4/upload' {
  namespace upload {
    /** The headers of one part. */
    interface Headers {
      /** The part's header names, lower-case: `content-disposition`, and `content-type` for a file. */
      getHeaderNames(): string[];
      /** The value of a header (name in any case); `null` when the part has none. */
      getHeader(name: string): string | null;
    }

    /** One part of the request: an uploaded file or a form field. */
    interface FileItem {
      /** The file's name as the client sent it (`""` for an empty file input); `null` for a form field. */
      getName(): string | null;
      /** The same as `getName()`: the name Dirigible 10's SDK (`sdk/http/upload`) gives the file's name. */
      getOriginalFilename(): string | null;
      /** The name of the form field the part belongs to (`name` of its `Content-Disposition`); `null` when it names none. */
      getFieldName(): string | null;
      /** The part's `Content-Type`; `null` for a form field. */
      getContentType(): string | null;
      /** Size of the part's content, bytes. */
      getSize(): number;
      /** True when the part's content is empty (size 0). */
      isEmpty(): boolean;
      /** True for a form field, false for a file. */
      isFormField(): boolean;
      /** The content as an array of numbers 0-255 (a fresh array each call). */
      getBytes(): number[];
      /** The same as `getBytes()` (Dirigible's native byte array). */
      getBytesNative(): number[];
      /** The content decoded as UTF-8. */
      getText(): string;
      /** The same as `getText()` (Dirigible v3's name). */
      getString(): string;
      /** The part's headers. */
      getHeaders(): Headers;
    }

    /** The parts of the request, in the order they were sent. */
    interface FileItems {
      /** Number of parts, files and form fields. */
      size(): number;
      /**
       * The part at `index` (from 0).
       * @throws TypeError coded `ERR_INVALID_ARG` when there is no part at `index` (or `index` is not a whole number)
       */
      get(index: number): FileItem;
    }

    /** True when the request is `multipart/form-data` (its parts were parsed). */
    function isMultipartContent(): boolean;
    /**
     * Every part of the request: files and form fields.
     * @throws NotMultipartError coded `ERR_NOT_MULTIPART` when the request is not `multipart/form-data`
     */
    function parseRequest(): FileItems;
  }
  export = upload;
}
