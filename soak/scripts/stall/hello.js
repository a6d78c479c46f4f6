// The baseline: a trivial script.
require("http/v4/response").print("hello");
