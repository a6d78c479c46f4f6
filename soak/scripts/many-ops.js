// 1.2 million session operations: ends at maxSessionOps.
var session = require("http/v4/session");
for (var i = 0; i < 1200000; i++) session.setMaxInactiveInterval(60 + (i % 2));
