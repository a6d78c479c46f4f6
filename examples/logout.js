// Logs out: ends the session; the next request starts a new one.
var session = require('http/v4/session');
var response = require('http/v4/response');

var user = session.getAttribute('user');
session.invalidate();
response.println(user ? 'Goodbye, ' + user : 'Not logged in');
