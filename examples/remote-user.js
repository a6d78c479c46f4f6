// Shows the user the embedder authenticated (authenticate option, req.user, or --users-file), if any.
var request = require('http/v4/request');
var response = require('http/v4/response');

var user = request.getRemoteUser();
response.println(
  user
    ? 'User ' + user + (request.isUserInRole('admin') ? ' (admin)' : '') + ', auth type ' + request.getAuthType()
    : 'Anonymous',
);
