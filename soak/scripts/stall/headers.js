// A response at the header caps: 999 headers (maxHeaders 1000, the content type aside) of 10 KiB each, ~10 MiB.
var response = require("http/v4/response");
var value = "v".repeat(10 * 1024 - 40);
for (var i = 0; i < 999; i++) response.addHeader("X-Stall-" + i, value);
response.print("headers");
