// An async script: its body returns a promise; the response goes when it settles.
var response = require("http/v4/response");
return (async function () {
  await null;
  response.print("async " + require("http/v4/request").getParameter("n"));
})();
