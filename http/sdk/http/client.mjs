/*
 * sdk/http/client: the HTTP client as the `HttpClient` class of static methods (the shape of
 * Dirigible's newer SDK). Every method is the http/v4/client function of the same name.
 */
import * as client from 'http/v4/client';

export class HttpClient {}

for (const name of Object.keys(client)) {
  if (name !== 'default') HttpClient[name] = client[name];
}
Object.freeze(HttpClient);
