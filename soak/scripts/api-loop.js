// A loop of API calls swallowing their errors: ends at the time limit.
var response = require("http/v4/response");
for (;;) { try { response.getStatus(); } catch (e) {} }
