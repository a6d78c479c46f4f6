/**
 * Decodes the `mappings` field of a source map (version 3, as esbuild writes it for a transpiled
 * TypeScript file): generated lines separated by `;`, segments by `,`, each segment 1, 4 or 5
 * Base64 VLQ numbers. In the words of the format (the Source Map Revision 3 Proposal, now
 * ECMA-426), a segment holds "the zero-based starting column of the line in the generated code",
 * the source index, "the zero-based starting line in the original source", "the zero-based
 * starting column of the line in the source", and a name index; the first is relative to the
 * previous segment of the same line, the others to the previous segment that had them. Sources
 * and names are not kept: a transpiled module has one source, and its positions are all that is
 * looked up.
 */

/** Segments of a decoded `mappings`, in one flat array so a large file costs few objects. */
export interface DecodedMappings {
  /**
   * Triples: generated column, original line, original column (all zero-based), ordered by
   * generated line, then column. A segment that maps to no source has original line -1.
   */
  segments: Int32Array;
  /** For each generated line, the index (in triples) of its first segment; one more at the end. */
  lineStarts: Int32Array;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Base64 digit value by character code; -1 for a character that is not a digit. */
const DIGITS = new Int8Array(128).fill(-1);
for (let index = 0; index < BASE64.length; index++) DIGITS[BASE64.charCodeAt(index)] = index;

const SEMICOLON = 59;
const COMMA = 44;
/** A VLQ digit with this bit set is followed by more digits of the same number. */
const CONTINUATION = 32;

/**
 * The segments of `mappings`; throws an `Error` naming the offset when it is not well formed.
 * @example decodeMappings('AAAA;AACA') // line 0: 0 → 0:0; line 1: 0 → 1:0
 */
export function decodeMappings(mappings: string): DecodedMappings {
  const segments: number[] = [];
  const lineStarts: number[] = [0];
  const fields = [0, 0, 0, 0, 0];
  let count = 0;
  let column = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  let value = 0;
  let shift = 0;
  const endSegment = (offset: number): void => {
    if (count === 0) return;
    if (count !== 1 && count !== 4 && count !== 5) throw malformed(offset, `a segment of ${count} numbers`);
    column += fields[0] ?? 0;
    if (count === 1) segments.push(column, -1, -1);
    else {
      sourceLine += fields[2] ?? 0;
      sourceColumn += fields[3] ?? 0;
      segments.push(column, sourceLine, sourceColumn);
    }
    count = 0;
  };
  for (let offset = 0; offset < mappings.length; offset++) {
    const code = mappings.charCodeAt(offset);
    if (code === SEMICOLON || code === COMMA) {
      if (shift !== 0) throw malformed(offset, 'a number cut short');
      endSegment(offset);
      if (code === SEMICOLON) {
        lineStarts.push(segments.length / 3);
        column = 0;
      }
      continue;
    }
    const digit = code < 128 ? (DIGITS[code] ?? -1) : -1;
    if (digit < 0) throw malformed(offset, `the character ${JSON.stringify(mappings[offset])}`);
    if (count === fields.length || shift > 25) throw malformed(offset, 'a segment too long');
    value += (digit & (CONTINUATION - 1)) * 2 ** shift;
    if ((digit & CONTINUATION) !== 0) {
      shift += 5;
      continue;
    }
    // The lowest bit is the sign.
    fields[count++] = value % 2 === 1 ? -Math.floor(value / 2) : value / 2;
    value = 0;
    shift = 0;
  }
  if (shift !== 0) throw malformed(mappings.length, 'a number cut short');
  endSegment(mappings.length);
  lineStarts.push(segments.length / 3);
  const decoded = { segments: Int32Array.from(segments), lineStarts: Int32Array.from(lineStarts) };
  sortLines(decoded);
  return decoded;
}

function malformed(offset: number, what: string): Error {
  return new Error(`source map mappings: ${what} at offset ${offset}`);
}

/** Orders each line's segments by generated column (the format does not promise it). */
function sortLines({ segments, lineStarts }: DecodedMappings): void {
  for (let line = 0; line + 1 < lineStarts.length; line++) {
    const from = lineStarts[line] ?? 0;
    const to = lineStarts[line + 1] ?? 0;
    let ordered = true;
    for (let index = from + 1; index < to && ordered; index++)
      ordered = (segments[index * 3] ?? 0) >= (segments[(index - 1) * 3] ?? 0);
    if (ordered) continue;
    const triples: number[][] = [];
    for (let index = from; index < to; index++) triples.push(Array.from(segments.subarray(index * 3, index * 3 + 3)));
    triples.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
    segments.set(triples.flat(), from * 3);
  }
}
