var rs = require('http/rs');

rs.service()
  .resource('')
  .get(function (ctx, request, response) {
    response.println('Hello there!');
  })
  .execute();
