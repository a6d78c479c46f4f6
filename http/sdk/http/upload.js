/*
 * sdk/http/upload: uploads as the `Upload` class of static methods (the shape of Dirigible's newer
 * SDK). As there, `parseRequest()` returns the uploaded files only (no form fields); the
 * http/v4/upload functions of the same names underlie them.
 */
'use strict';
const upload = require('http/v4/upload');

class Upload {}

Upload.isMultipartContent = upload.isMultipartContent;

/** The uploaded files: `size()` and `get(index)`. */
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
      if (!Number.isInteger(index) || index < 0 || index >= files.length)
        throw new RangeError(`get: no file at index ${index} (there are ${files.length})`);
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
