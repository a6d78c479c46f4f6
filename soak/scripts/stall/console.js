// A run at the console caps: a million console calls of 1 KiB (maxConsoleLines 100, maxConsoleBytes 64 KiB keep a few).
var line = "c".repeat(1024);
for (var i = 0; i < 1000000; i++) console.log(line);
require("http/v4/response").print("console");
