// Logs out with a form: GET shows it, POST ends the session (the next request starts a new one)
// and redirects to login.js.
var session = require('http/v4/session');
var request = require('http/v4/request');
var response = require('http/v4/response');

if (request.getMethod() !== 'POST') {
  response.setContentType('text/html; charset=utf-8');
  response.println('<!DOCTYPE html><html><head><title>Log out</title></head><body>');
  response.println('<form method="post" action="logout.js"><button type="submit">Log out</button></form>');
  response.println('</body></html>');
} else {
  session.invalidate();
  response.setStatus(303);
  response.setHeader('Location', 'login.js');
}
