/**
 * Dirigible 4 to 9's utils modules (`utils/<name>`; Dirigible 3 to 6 also `utils/v4/<name>`):
 * Base64, hexadecimal, URL encoding, UTF-8 and UUIDs, as Dirigible's facades answer. Bytes are
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
