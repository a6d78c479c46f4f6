/*
 * http/v4/upload: the parts of a multipart/form-data request (Eclipse Dirigible API v4), parsed
 * by the host before the script runs. Item metadata arrives as JSON text, bytes as a binary
 * string (one character per byte) turned into an array of numbers 0-255 here.
 */
'use strict';
const call = (fn, a) => kernel.call('upload', fn, a);

/** The bytes of a binary string (one character per byte), an array of numbers 0-255. */
const toBytes = require('utils/bytes').charCodes;

/** The headers of one part. */
function Headers(pairs) {
  this.getHeaderNames = () => pairs.map((pair) => pair[0]);
  this.getHeader = (name) => {
    const wanted = String(name).toLowerCase();
    const found = pairs.find((pair) => pair[0] === wanted);
    return found === undefined ? null : found[1];
  };
}

/** One part: an uploaded file or a form field. */
function FileItem(index, meta) {
  this.getName = () => meta.name;
  // Dirigible 10's SDK name of the file's name (its items are Spring MultipartFiles)
  this.getOriginalFilename = this.getName;
  this.getFieldName = () => meta.fieldName;
  this.getContentType = () => meta.contentType;
  this.getSize = () => meta.size;
  this.isEmpty = () => meta.size === 0;
  this.isFormField = () => meta.formField;
  this.getBytes = () => toBytes(call('bytes', index));
  this.getBytesNative = this.getBytes;
  this.getText = () => call('text', index);
  this.getString = this.getText;
  this.getHeaders = () => new Headers(meta.headers);
}

/** The parts of the request, in the order they were sent. */
function FileItems(count) {
  this.size = () => count;
  this.get = (index) => new FileItem(index, kernel.parse(call('item', index)));
}

exports.isMultipartContent = () => call('isMultipartContent');
exports.parseRequest = () => new FileItems(call('count'));
