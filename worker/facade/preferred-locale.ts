/**
 * `request.getLocale()`: the language the client prefers, as a servlet container reads
 * `Accept-Language` (RFC 9110 §12.5.4): the tag of the highest quality, the first one among equals;
 * `*` and tags of quality 0 are skipped. Without a header, or without a tag left, the default `en`.
 */

/** The locale a script sees when the client names none. */
export const DEFAULT_LOCALE = 'en';

/** The preferred language tag of an `Accept-Language` header value (`null`: no header). */
export function preferredLocale(acceptLanguage: string | null): string {
  if (acceptLanguage === null) return DEFAULT_LOCALE;
  let best = DEFAULT_LOCALE;
  let bestQuality = 0;
  for (const entry of acceptLanguage.split(',')) {
    const [tag = '', ...parameters] = entry.split(';');
    const language = tag.trim();
    if (language === '' || language === '*') continue;
    const quality = qualityOf(parameters);
    if (quality > bestQuality) {
      best = language;
      bestQuality = quality;
    }
  }
  return best;
}

/** The `q` of an entry's parameters: 1 when absent, 0 when it does not parse or lies outside 0..1. */
function qualityOf(parameters: readonly string[]): number {
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'q') continue;
    const quality = Number(value.trim());
    return Number.isFinite(quality) && quality >= 0 && quality <= 1 ? quality : 0;
  }
  return 1;
}
