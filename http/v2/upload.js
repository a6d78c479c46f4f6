/*
 * net/http/upload (Eclipse Dirigible API v2): the uploaded files of a multipart/form-data request
 * as an array of HttpFileEntry objects, over http/v4/upload. As in v2, only parts with a file name
 * are files: form fields and file inputs left empty are not listed, and a request that is not
 * multipart has no files ([]).
 */
'use strict';
const upload = require('http/v4/upload');

/**
 * One uploaded file: `name`, `contentType` (`text/plain` when the part has none), `size` (bytes), `lazy`, and
 * `data`, its bytes as numbers 0-255, which a lazy entry leaves null until `loadData()`.
 */
function HttpFileEntry(item, lazy) {
  this.name = item.getName();
  this.lazy = lazy;
  this.data = lazy ? null : item.getBytes();
  this.contentType = item.getContentType() || '';
  this.size = item.getSize();
  /** The bytes, read into `data` on the first call of a lazy entry. */
  this.loadData = () => {
    if (this.data === null) this.data = item.getBytes();
    return this.data;
  };
  /** Writes the bytes to `output`: its `write(bytes)`, or `writeOutput(bytes)` (net/http/response). */
  this.copyData = (output) => {
    const write = output === null || typeof output !== 'object' ? undefined : output.write || output.writeOutput;
    if (typeof write !== 'function')
      kernel.call(
        'utils',
        'invalid',
        'copyData',
        'expected an output with write(bytes) or writeOutput(bytes), such as the response',
      );
    write.call(output, this.loadData());
  };
}

exports.isMultipartContent = upload.isMultipartContent;

/** The uploaded files in the order sent; `lazy`: leave each entry's `data` null until `loadData()`. */
exports.parseRequest = (lazy) => {
  if (!upload.isMultipartContent()) return [];
  const parts = upload.parseRequest();
  const files = [];
  for (let i = 0; i < parts.size(); i++) {
    const part = parts.get(i);
    if (!part.isFormField() && part.getName()) files.push(new HttpFileEntry(part, Boolean(lazy)));
  }
  return files;
};
