/**
 * A body that Express middleware already parsed, turned back into the bytes the client sent as
 * far as a script can tell: JSON as JSON text, a form as `application/x-www-form-urlencoded`
 * (nested objects of `extended: true` in bracket notation), text as UTF-8, raw bytes as they are.
 */

/**
 * The bytes of a parsed body, judged by its value and the request's Content-Type.
 * @example encodeParsedBody({ a: '1' }, 'application/x-www-form-urlencoded') // a=1
 */
export function encodeParsedBody(body: unknown, contentType: string | undefined): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  const type = (contentType ?? '').toLowerCase();
  // JSON parsed without `strict` may be a string, a number or null: it goes back as JSON text.
  if (/^application\/([\w.+-]*\+)?json/.test(type) && body !== undefined)
    return Buffer.from(JSON.stringify(body), 'utf8');
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (type.startsWith('application/x-www-form-urlencoded') && typeof body === 'object')
    return Buffer.from(formEncode(body as Record<string, unknown>), 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** `application/x-www-form-urlencoded` text of a parsed form: arrays repeat their key, objects nest as `a[b]`. */
export function formEncode(form: Record<string, unknown>): string {
  const pairs = new URLSearchParams();
  const add = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) for (const item of value) add(key, item);
    else if (value !== null && typeof value === 'object')
      for (const [name, inner] of Object.entries(value)) add(`${key}[${name}]`, inner);
    else pairs.append(key, value === null ? '' : String(value));
  };
  for (const [key, value] of Object.entries(form)) add(key, value);
  return pairs.toString();
}
