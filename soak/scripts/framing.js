// Framing headers are the runtime's: ignored.
var response = require("http/v4/response");
response.setHeader("Transfer-Encoding", "chunked");
response.setHeader("Content-Length", "1");
response.setHeader("Connection", "close");
response.print("framed");
