// A response at the size cap: 10 MiB (maxResponseSize) less a little, printed in 1 MiB pieces.
var response = require("http/v4/response");
var piece = "x".repeat(1024 * 1024);
for (var i = 0; i < 9; i++) response.print(piece);
response.print("x".repeat(1024 * 1024 - 4096));
