/**
 * A minimal HTTP client with a cookie jar, as a browser would keep one for one origin.
 */
import { parseSetCookie } from 'cookie';

export interface ClientResponse {
  status: number;
  headers: Headers;
  setCookies: string[];
  text: string;
  json<T = unknown>(): T;
}

export class CookieJarClient {
  readonly cookies: Map<string, string>;
  readonly #base: string;

  /** @param cookies a jar to share with clients of other origins (a browser sends one host's cookies to every port) */
  constructor(baseUrl: string, cookies = new Map<string, string>()) {
    this.#base = baseUrl;
    this.cookies = cookies;
  }

  /** Requests `path` with the jar's cookies and stores the cookies the response sets. */
  async request(path: string, init: RequestInit = {}): Promise<ClientResponse> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(this.#base + path, { ...init, headers, redirect: 'manual' });
    const setCookies = response.headers.getSetCookie();
    for (const header of setCookies) {
      const cookie = parseSetCookie(header);
      if (cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value ?? '');
    }
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      setCookies,
      text,
      json: <T>() => JSON.parse(text) as T,
    };
  }

  get(path: string): Promise<ClientResponse> {
    return this.request(path);
  }
}
