// Logs a user in with a form: GET shows it, POST (user=NAME) stores the name in the session and
// redirects to whoami.js (POST, then redirect: a reload does not send the form again).
var session = require('http/v4/session');
var request = require('http/v4/request');
var response = require('http/v4/response');

if (request.getMethod() !== 'POST') {
  response.setContentType('text/html; charset=utf-8');
  response.println('<!DOCTYPE html><html><head><title>Log in</title></head><body>');
  response.println('<form method="post" action="login.js">');
  response.println('<label>User <input name="user" autocomplete="username" required></label>');
  response.println('<button type="submit">Log in</button>');
  response.println('</form></body></html>');
} else {
  var user = request.getParameter('user');
  if (!user) {
    response.setStatus(response.BAD_REQUEST);
    response.println('Send the form field user=NAME to log in.');
  } else {
    session.setAttribute('user', user);
    session.setAttribute('loggedInAt', new Date());
    // Extension: a new session id at login, so an id planted before it (session fixation) is worthless.
    session.changeSessionId();
    response.setStatus(303);
    response.setHeader('Location', 'whoami.js');
  }
}
