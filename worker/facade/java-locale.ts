/**
 * A language tag (`de-CH`, `en-us`, `zh-Hant-TW`) as Dirigible's scripts see a locale: the text of
 * `java.util.Locale.forLanguageTag(tag).toString()`, which its facades hand over (`de_CH`, `en_US`,
 * `zh_TW_#Hant`). Extensions and private-use subtags are left out.
 */

/**
 * Java's `Locale.toString()` of the tag: language in lower case, then `_` and the region in upper
 * case, `_` and the variants, `_#` and the script (title case). A tag that does not start with a
 * language (2-8 letters) is Java's root locale, `""`; the language `und` (undetermined) is Java's
 * empty one, written with the region alone (`und-US`: `_US`).
 * @example javaLocaleText('en-us') // 'en_US'
 */
export function javaLocaleText(tag: string): string {
  const subtags = tag.trim().split('-');
  const first = (subtags.shift() ?? '').toLowerCase();
  if (!/^[a-z]{2,8}$/.test(first)) return '';
  const language = first === 'und' ? '' : first;
  let script = '';
  let region = '';
  const variants: string[] = [];
  for (const subtag of subtags) {
    if (/^[a-z]$/i.test(subtag)) break; // an extension or private use: the rest is not language
    if (script === '' && region === '' && variants.length === 0 && /^[a-z]{4}$/i.test(subtag)) {
      script = subtag.charAt(0).toUpperCase() + subtag.slice(1).toLowerCase();
    } else if (region === '' && variants.length === 0 && /^(?:[a-z]{2}|[0-9]{3})$/i.test(subtag)) {
      region = subtag.toUpperCase();
    } else if (/^(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3})$/i.test(subtag)) {
      variants.push(subtag);
    } else {
      break; // ill-formed from here on: Java keeps what came before
    }
  }
  // Java's toString: variants and script only beside a language or a region.
  const named = language !== '' || region !== '';
  let text = language;
  if (region !== '' || (language !== '' && (variants.length > 0 || script !== ''))) text += `_${region}`;
  if (named && variants.length > 0) text += `_${variants.join('_')}`;
  if (named && script !== '') text += `_#${script}`;
  return text;
}
