// A response at the header caps: 999 headers (maxHeaders 1000) filling maxHeaderBytes (64 KiB).
var response = require("http/v4/response");
var value = "v".repeat(48);
for (var i = 0; i < 999; i++) response.addHeader("X-Stall-" + i, value);
response.print("headers");
