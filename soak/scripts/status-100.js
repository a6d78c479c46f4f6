// A final "100 Continue" would break the connection's framing: refused.
require("http/v4/response").setStatus(100);
