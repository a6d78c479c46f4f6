var response = require('http/v4/response');

response.println('Hello World!');
response.flush();
response.close();
