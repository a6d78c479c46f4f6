// Shows who is logged in, if anyone.
var session = require('http/v4/session');
var response = require('http/v4/response');

var user = session.getAttribute('user');
response.println(
  user
    ? 'Logged in as ' + user + ' since ' + new Date(session.getAttribute('loggedInAt')).toISOString()
    : 'Not logged in',
);
