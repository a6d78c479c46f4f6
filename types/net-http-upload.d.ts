/**
 * `net/http/upload` (Eclipse Dirigible API v2): the uploaded files of a `multipart/form-data`
 * request as an array of `HttpFileEntry` objects:
 *
 *     upload.parseRequest().forEach(function (file) { response.println(file.name + ': ' + file.size); });
 *
 * Only parts with a file name are files: form fields and file inputs left empty are not listed (use
 * `http/v4/upload` for those). The runtime parses the body before the script runs, within the same
 * limits as `http/v4/upload`.
 *
 * Should a function be called without an HTTP request, it throws a `NoHttpRequestError` (code
 * `ERR_NO_HTTP_REQUEST`) naming it.
 */
declare module 'net/http/upload' {
  namespace upload {
    /** Where `copyData` writes: an object with `write(bytes)` (`http/v4/response`) or `writeOutput(bytes)` (`net/http/response`). */
    type ByteOutput = { write(bytes: number[]): void } | { writeOutput(bytes: number[]): void };

    /** One uploaded file (v2's HttpFileEntry). */
    interface HttpFileEntry {
      /** The file's name as the client sent it; never empty. */
      name: string;
      /** The file's `Content-Type`; `text/plain` when its part has none. */
      contentType: string;
      /** Size of the file, bytes. */
      size: number;
      /** True when the entry was parsed lazily: `data` stays `null` until `loadData()`. */
      lazy: boolean;
      /** The file's bytes as numbers 0-255; `null` for a lazy entry until `loadData()`. */
      data: number[] | null;
      /** The file's bytes, read into `data` on the first call of a lazy entry (then that same array). */
      loadData(): number[];
      /**
       * Writes the file's bytes to `output`: `file.copyData(response)` answers with the file.
       * @throws TypeError when `output` has neither `write` nor `writeOutput`
       */
      copyData(output: ByteOutput): void;
    }

    /** An entry parsed eagerly (the default): its `data` is loaded. */
    interface LoadedHttpFileEntry extends HttpFileEntry {
      lazy: false;
      data: number[];
    }

    /** True when the request is `multipart/form-data` (its parts were parsed). */
    function isMultipartContent(): boolean;
    /**
     * The uploaded files, in the order they were sent; `[]` when the request is not
     * `multipart/form-data`. Each entry's `data` is loaded, unless `lazy` is true: then it stays
     * `null` until the entry's `loadData()`.
     */
    function parseRequest(lazy?: false): LoadedHttpFileEntry[];
    function parseRequest(lazy: boolean): HttpFileEntry[];
  }
  export = upload;
}
