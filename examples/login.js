// Logs a user in: /services/js/login.js?user=NAME stores the name in the session.
var session = require('http/v4/session');
var request = require('http/v4/request');
var response = require('http/v4/response');

var user = request.getParameter('user');
if (!user) {
  response.setStatus(response.BAD_REQUEST);
  response.println('Pass ?user=NAME to log in.');
} else {
  session.setAttribute('user', user);
  session.setAttribute('loggedInAt', new Date());
  // Extension: a new session id at login, so an id planted before it (session fixation) is worthless.
  session.changeSessionId();
  response.println('Logged in as ' + user);
}
