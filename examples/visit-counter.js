// Counts this browser's visits in its session.
var session = require('http/v4/session');
var response = require('http/v4/response');

var visits = (session.getAttribute('visits') || 0) + 1;
session.setAttribute('visits', visits);

response.println('Visits in this session: ' + visits + (session.isNew() ? ' (new session)' : ''));
