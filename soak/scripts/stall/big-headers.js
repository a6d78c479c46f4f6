// Headers of 10 KiB each, as many as fit in maxResponseSize: past maxHeaderBytes (64 KiB) the run fails at the 7th.
var response = require("http/v4/response");
var value = "v".repeat(10 * 1024 - 40);
for (var i = 0; i < 999; i++) response.addHeader("X-Stall-" + i, value);
response.print("headers");
