// A normal request: reads the request, answers a computed body.
var request = require('http/v4/request');
var response = require('http/v4/response');
var n = Number(request.getParameter('n') || 0);
var total = 0;
for (var i = 0; i <= n; i++) total += i;
response.print('sum ' + n + ' = ' + total);
