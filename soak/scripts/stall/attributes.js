// Large session attribute values: a session of ~1 MiB (maxSessionSize), rewritten up to the 4 MiB a request may write.
var session = require("http/v4/session");
var value = "s".repeat(250 * 1024);
for (var round = 0; round < 4; round++)
  for (var i = 0; i < 4; i++) session.setAttribute("big" + i, value + round);
require("http/v4/response").print("attributes");
