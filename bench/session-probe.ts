/**
 * Before a target is loaded: a first visit must answer the expected body and set a session cookie,
 * and a second visit carrying that cookie must answer the same body without a new cookie (the
 * server recognised the session). Returns the cookie, as a returning browser would send it.
 */
import { parseSetCookie } from 'cookie';

async function visit(url: string, expectBody: string, cookie?: string): Promise<string[]> {
  const response = await fetch(url, cookie === undefined ? {} : { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200 || body !== expectBody) {
    throw new Error(
      `probe ${url}: expected 200 ${JSON.stringify(expectBody)}, got ${response.status} ${JSON.stringify(body)}`,
    );
  }
  return response.headers.getSetCookie();
}

/** The `name=value` session cookie of `url`, after checking the target keeps sessions. */
export async function obtainSessionCookie(url: string, expectBody: string): Promise<string> {
  const [setCookie, ...more] = await visit(url, expectBody);
  if (setCookie === undefined || more.length > 0)
    throw new Error(`probe ${url}: a first visit must set exactly one cookie`);
  const { name, value } = parseSetCookie(setCookie, { decode: (raw) => raw }); // sent back as received, like a browser
  const cookie = `${name}=${value ?? ''}`;
  const again = await visit(url, expectBody, cookie);
  if (again.length > 0)
    throw new Error(`probe ${url}: a returning visit got a new cookie, so the session was not kept`);
  return cookie;
}
