// An upload form: GET shows it, POST lists what was uploaded (http/v4/upload).
var upload = require('http/v4/upload');
var request = require('http/v4/request');
var response = require('http/v4/response');

function escape(text) {
  return String(text).replace(/[&<>"]/g, function (c) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c];
  });
}

response.setContentType('text/html; charset=utf-8');
response.println('<!doctype html><title>Upload</title>');
response.println('<form method="post" enctype="multipart/form-data">');
response.println('<p><label>Title <input name="title"></label></p>');
response.println('<p><input type="file" name="file" multiple></p>');
response.println('<p><button>Upload</button></p></form>');

if (request.getMethod() === 'POST' && upload.isMultipartContent()) {
  var items = upload.parseRequest();
  response.println('<ul>');
  for (var i = 0; i < items.size(); i++) {
    var item = items.get(i);
    if (item.isFormField()) {
      response.println('<li>field ' + escape(item.getFieldName()) + ': ' + escape(item.getText()) + '</li>');
    } else if (!item.isEmpty()) {
      response.println(
        '<li>file ' +
          escape(item.getName()) +
          ' (' +
          escape(item.getContentType()) +
          ', ' +
          item.getSize() +
          ' bytes)</li>',
      );
    }
  }
  response.println('</ul>');
}
response.flush();
response.close();
