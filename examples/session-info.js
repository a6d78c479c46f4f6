// Prints the session's id, creation time, last accessed time and max inactive interval.
var session = require('http/v4/session');
var response = require('http/v4/response');

response.setContentType('text/plain');
response.println('Id: ' + session.getId());
response.println('Created: ' + session.getCreationTime().toISOString());
response.println('Last accessed: ' + session.getLastAccessedTime().toISOString());
response.println('Max inactive interval: ' + session.getMaxInactiveInterval() + ' s');
response.println('New: ' + session.isNew());
