var session = require('http/v3/session');
var response = require('http/v3/response');

session.setAttribute('attr1', 'value1');
var attr = session.getAttribute('attr1');

response.println('[Attribute]: ' + attr);
response.flush();
response.close();
