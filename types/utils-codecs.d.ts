/**
 * Dirigible 4 to 9's utils modules (`utils/<name>`; Dirigible 3 to 6 also `utils/v4/<name>`):
 * Base64, hexadecimal, URL encoding, UTF-8, UUIDs, MD5 and SHA digests and commons-lang3's string
 * escapes, as Dirigible's facades answer. Bytes are
 * arrays of numbers 0-255; an argument may also hold Java's signed bytes (-128-127). Text given
 * where bytes are read stands for its UTF-8 bytes. A bad argument throws a `TypeError` with code
 * `ERR_INVALID_ARG`.
 */
declare module 'utils/base64' {
  /** The Base64 text (standard alphabet, `=` padding) of text or bytes. */
  export function encode(input: string | readonly number[]): string;
  /** The Base64 text of text or bytes, as the bytes of its characters. */
  export function encodeAsBytes(input: string | readonly number[]): number[];
  /** As `encodeAsBytes` (Dirigible answers a Java byte array). */
  export function encodeAsNativeBytes(input: string | readonly number[]): number[];
  /** The bytes Base64 text (or its bytes) stands for; characters outside the alphabet are skipped. */
  export function decode(input: string | readonly number[]): number[];
  /** As `decode` (Dirigible answers a Java byte array). */
  export function decodeAsNativeBytes(input: string | readonly number[]): number[];
}
declare module 'utils/v4/base64' {
  export * from 'utils/base64';
}
declare module 'utils/digest' {
  /** The MD5 digest of text (its UTF-8 bytes) or bytes, as bytes 0-255 (Dirigible: Java's signed bytes). */
  export function md5(input: string | readonly number[]): number[];
  /** As `md5` (Dirigible answers a Java byte array). */
  export function md5AsNativeBytes(input: string | readonly number[]): number[];
  /** The MD5 digest of text or bytes as lower-case hex text. */
  export function md5Hex(input: string | readonly number[]): string;
  /** The SHA-1 digest of text (its UTF-8 bytes) or bytes, as bytes 0-255 (Dirigible: Java's signed bytes). */
  export function sha1(input: string | readonly number[]): number[];
  /** As `sha1` (Dirigible answers a Java byte array). */
  export function sha1AsNativeBytes(input: string | readonly number[]): number[];
  /** The SHA-1 digest of text or bytes as lower-case hex text. */
  export function sha1Hex(input: string | readonly number[]): string;
  /** The SHA-256 digest of text (its UTF-8 bytes) or bytes, as bytes 0-255 (Dirigible: Java's signed bytes). */
  export function sha256(input: string | readonly number[]): number[];
  /** As `sha256` (Dirigible answers a Java byte array). */
  export function sha256AsNativeBytes(input: string | readonly number[]): number[];
  /** The SHA-256 digest of text or bytes as lower-case hex text. */
  export function sha256Hex(input: string | readonly number[]): string;
  /** The SHA-384 digest of text (its UTF-8 bytes) or bytes, as bytes 0-255 (Dirigible: Java's signed bytes). */
  export function sha384(input: string | readonly number[]): number[];
  /** As `sha384` (Dirigible answers a Java byte array). */
  export function sha384AsNativeBytes(input: string | readonly number[]): number[];
  /** The SHA-384 digest of text or bytes as lower-case hex text. */
  export function sha384Hex(input: string | readonly number[]): string;
  /** The SHA-512 digest of text (its UTF-8 bytes) or bytes, as bytes 0-255 (Dirigible: Java's signed bytes). */
  export function sha512(input: string | readonly number[]): number[];
  /** As `sha512` (Dirigible answers a Java byte array). */
  export function sha512AsNativeBytes(input: string | readonly number[]): number[];
  /** The SHA-512 digest of text or bytes as lower-case hex text. */
  export function sha512Hex(input: string | readonly number[]): string;
}
declare module 'utils/v4/digest' {
  export * from 'utils/digest';
}
declare module 'utils/escape' {
  /** Quoted, its quotes doubled, when it holds a comma, quote or line break; else as it is. Null for null. */
  export function escapeCsv(input: string): string;
  export function escapeCsv(input: null | undefined): null;
  /** A quoted value holding a comma, quote or line break unquoted; else as it is. Null for null. */
  export function unescapeCsv(input: string): string;
  export function unescapeCsv(input: null | undefined): null;
  /** ECMAScript string escapes (`\'`, `\"`, `\\`, `\/`, controls, `\uXXXX` beyond ASCII). Null for null. */
  export function escapeJavascript(input: string): string;
  export function escapeJavascript(input: null | undefined): null;
  /** Java string escapes read back. Null for null. */
  export function unescapeJavascript(input: string): string;
  export function unescapeJavascript(input: null | undefined): null;
  /** `"&<>` and ISO-8859-1 characters as HTML 3.2 entities. Null for null. */
  export function escapeHtml3(input: string): string;
  export function escapeHtml3(input: null | undefined): null;
  /** HTML 3.2 entities and `&#...;` read back. Null for null. */
  export function unescapeHtml3(input: string): string;
  export function unescapeHtml3(input: null | undefined): null;
  /** `"&<>`, ISO-8859-1 characters, HTML 4.0 symbols and Greek letters as entities. Null for null. */
  export function escapeHtml4(input: string): string;
  export function escapeHtml4(input: null | undefined): null;
  /** HTML 4.0 entities and `&#...;` read back. Null for null. */
  export function unescapeHtml4(input: string): string;
  export function unescapeHtml4(input: null | undefined): null;
  /** Java string escapes (`\"`, `\\`, controls, `\uXXXX` beyond ASCII). Null for null. */
  export function escapeJava(input: string): string;
  export function escapeJava(input: null | undefined): null;
  /** Java string escapes (octal, `\uXXXX`, controls) read back; `ERR_INVALID_ARG` for a bad `\u`. Null for null. */
  export function unescapeJava(input: string): string;
  export function unescapeJava(input: null | undefined): null;
  /** JSON string escapes (`\"`, `\\`, `\/`, controls and DEL, `\uXXXX` beyond ASCII). Null for null. */
  export function escapeJson(input: string): string;
  export function escapeJson(input: null | undefined): null;
  /** JSON (Java) string escapes read back. Null for null. */
  export function unescapeJson(input: string): string;
  export function unescapeJson(input: null | undefined): null;
  /** `"&<>'` as XML entities. Null for null. */
  export function escapeXml(input: string): string;
  export function escapeXml(input: null | undefined): null;
  /** XML's five entities and `&#...;` read back. Null for null. */
  export function unescapeXml(input: string): string;
  export function unescapeXml(input: null | undefined): null;
}
declare module 'utils/v4/escape' {
  export * from 'utils/escape';
}
declare module 'utils/hex' {
  /** The lower-case hex text of text or bytes. */
  export function encode(input: string | readonly number[]): string;
  /** The hex text of text or bytes, as the bytes of its characters. */
  export function encodeAsBytes(input: string | readonly number[]): number[];
  /** As `encodeAsBytes` (Dirigible answers a Java byte array). */
  export function encodeAsNativeBytes(input: string | readonly number[]): number[];
  /** The bytes hex text (or its bytes) stands for; `ERR_INVALID_ARG` for an odd length or a non-digit. */
  export function decode(input: string | readonly number[]): number[];
  /** As `decode` (Dirigible answers a Java byte array). */
  export function decodeAsNativeBytes(input: string | readonly number[]): number[];
}
declare module 'utils/v4/hex' {
  export * from 'utils/hex';
}
declare module 'utils/url' {
  /** Java's URLEncoder: form encoding (a space is `+`) in `charset` (UTF-8, ISO-8859-1, US-ASCII; UTF-8 by default). */
  export function encode(input: string, charset?: string | null): string;
  /** Java's URLDecoder: `+` is a space, `%XX` are bytes in `charset` (UTF-8 by default). */
  export function decode(input: string, charset?: string | null): string;
  /** Guava's URL fragment escaper (UTF-8; a space is `%20`; `/` and `?` stay). */
  // biome-ignore lint/suspicious/noShadowRestrictedNames: Dirigible names the function escape
  export function escape(input: string): string;
  /** Guava's URL path segment escaper (UTF-8; `/` and `?` are escaped). */
  export function escapePath(input: string): string;
  /** Guava's form parameter escaper (UTF-8; a space is `+`). */
  export function escapeForm(input: string): string;
}
declare module 'utils/v4/url' {
  export * from 'utils/url';
}
declare module 'utils/utf8' {
  /** The UTF-8 bytes of a text (a lone surrogate is `?`). */
  export function encode(input: string): number[];
  /** The text of UTF-8 bytes (a malformed sequence is U+FFFD). */
  export function decode(input: readonly number[]): string;
  /** The text of `length` UTF-8 bytes from `offset`. */
  export function bytesToString(bytes: readonly number[], offset: number, length: number): string;
}
declare module 'utils/v4/utf8' {
  export * from 'utils/utf8';
}
declare module 'utils/uuid' {
  /** A random (version 4) UUID, lower case. */
  export function random(): string;
  /** True when Java's UUID.fromString reads the text (five `-`-separated hex groups, at most 36 characters). */
  export function validate(input: string): boolean;
}
declare module 'utils/v4/uuid' {
  export * from 'utils/uuid';
}
declare module 'utils/bytes' {
  /** Throws a `TypeError` coded `ERR_INVALID_ARG` naming the function `method`. */
  export function invalid(method: string, message: string): never;
  /**
   * The bytes (0-255) of an array of numbers 0-255 or -128-127; `ERR_INVALID_ARG` naming `method`
   * for an element that is not a byte, and with `notArray` for anything but an array.
   */
  export function bytesOf(input: unknown, method: string, notArray: string): number[];
  /** The codes of the characters of `text`, as an array: a binary string's bytes, or ASCII text's. */
  export function charCodes(text: string): number[];
}
