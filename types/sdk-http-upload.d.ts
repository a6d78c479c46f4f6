/** `sdk/http/upload` (Dirigible's newer SDK, for ES module scripts): the `Upload` class. */
declare module 'sdk/http/upload' {
  import v4 = require('http/v4/upload');
  /** Uploads as static methods. */
  export const Upload: {
    /** True when the request is `multipart/form-data`. */
    isMultipartContent(): boolean;
    /**
     * The uploaded files only (no form fields, as on Dirigible 10), in the order they were sent.
     * @throws NotMultipartError coded `ERR_NOT_MULTIPART` when the request is not `multipart/form-data`
     */
    parseRequest(): v4.FileItems;
  };
}
