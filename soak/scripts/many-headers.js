// Two million empty headers: ends at maxHeaders.
var response = require("http/v4/response");
for (var i = 0; i < 2000000; i++) response.addHeader("X-Empty", "");
