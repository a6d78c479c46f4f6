import { request, response } from 'sdk/http';

const method = request.getMethod();

response.println('[Method]: ' + method);
response.flush();
response.close();
