import * as session from 'http/v4/session';
import * as response from 'http/v4/response';

session.setAttribute('attr1', 'value1');
const attr = session.getAttribute('attr1');

response.println('[Attribute]: ' + attr);
response.flush();
response.close();
