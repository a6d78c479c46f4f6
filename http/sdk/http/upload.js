/*
 * sdk/http/upload: uploads as the `Upload` class of static methods (the shape of Dirigible's newer
 * SDK). As there, `parseRequest()` returns the uploaded files only (no form fields); the
 * http/v4/upload functions of the same names underlie them.
 */
'use strict';
const upload = require('http/v4/upload');
const call = (fn, a, b) => kernel.call('upload', fn, a, b);

class Upload {}

Upload.isMultipartContent = upload.isMultipartContent;

/**
 * The uploaded files: `size()` and `get(index)`, which refuses an index with no file as
 * http/v4/upload's does (a TypeError coded ERR_INVALID_ARG).
 */
Upload.parseRequest = () => {
  const all = upload.parseRequest();
  const files = [];
  for (let i = 0; i < all.size(); i++) {
    const item = all.get(i);
    if (!item.isFormField()) files.push(item);
  }
  return Object.freeze({
    size: () => files.length,
    get: (index) => {
      if (!Number.isInteger(index) || index < 0 || index >= files.length) call('noFile', String(index), files.length);
      return files[index];
    },
  });
};
// CommonJS scripts get the class itself, as Dirigible's SDK modules export it
// (`var Upload = require(...)`); its Upload property keeps `require(...).Upload` and the ES module
// import { Upload } (a named export is an enumerable property) working.
Upload.Upload = Upload;
Object.freeze(Upload);

module.exports = Upload;
