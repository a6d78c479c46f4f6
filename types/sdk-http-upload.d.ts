/**
 * `sdk/http/upload` (Dirigible's newer SDK): the `Upload` class. `require("sdk/http/upload")` gives
 * the class itself, as Dirigible's SDK modules export it; `import { Upload } from "sdk/http/upload"`
 * and `require("sdk/http/upload").Upload` give it too.
 */
declare module 'sdk/http/upload' {
  import v4 = require('http/v4/upload');
  /** Uploads as static methods. */
  interface UploadClass {
    /** True when the request is `multipart/form-data`. */
    isMultipartContent(): boolean;
    /**
     * The uploaded files only (no form fields, as on Dirigible 10), in the order they were sent.
     * @throws NotMultipartError coded `ERR_NOT_MULTIPART` when the request is not `multipart/form-data`
     */
    parseRequest(): v4.FileItems;
    /** The class itself, for `import { Upload }` and `require("sdk/http/upload").Upload`. */
    readonly Upload: UploadClass;
  }
  const Upload: UploadClass;
  export = Upload;
}
