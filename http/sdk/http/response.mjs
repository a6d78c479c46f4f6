/*
 * sdk/http/response: the response of the current request as the `Response` class of static
 * methods and status constants (the shape of Dirigible's newer SDK), from http/v4/response.
 */
import * as response from 'http/v4/response';

export class Response {}

for (const name of Object.keys(response)) {
  if (name !== 'default') Response[name] = response[name];
}
Object.freeze(Response);
