// A run at the session-operation cap: 9,999 operations (maxSessionOps 10,000, the session's creation is one), over the 1000 attribute names allowed.
var session = require("http/v4/session");
for (var i = 0; i < 9999; i++) session.setAttribute("a" + (i % 1000), i);
require("http/v4/response").print("ops");
