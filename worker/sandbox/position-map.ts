/**
 * Where a position of a transpiled module's JavaScript came from in its TypeScript source. Kept
 * beside the module's cached code, as esbuild's source map `mappings` text (a few bytes per
 * token) with the TypeScript source, and decoded on the first lookup: positions are looked up only
 * when a stack or an error names the module, never on a request that goes well.
 *
 * esbuild maps tokens, and V8 may report a position inside one's stretch (the `.` of `f(x).y`,
 * whose segment starts at the `)`). A source map reader answers with the segment's start; this
 * one compares the texts to be exact: when the JavaScript from the segment's start to the position
 * is the same text in the TypeScript, or that from the position to the next segment is, the
 * position is counted from there.
 */
import { type DecodedMappings, decodeMappings } from './source-map-mappings.js';

/** A position as stacks show it: line and column, both 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** The decoded mappings, and where each line starts in the code and in the source. */
interface Decoded extends DecodedMappings {
  codeLines: Int32Array;
  sourceLines: Int32Array;
}

export class PositionMap {
  #mappings: string | undefined;
  readonly #code: string;
  readonly #source: string;
  #decoded: Decoded | undefined;

  /**
   * @param mappings the `mappings` field of the module's source map
   * @param code the JavaScript the map is of
   * @param source the TypeScript the map points into
   */
  constructor(mappings: string, code: string, source: string) {
    this.#mappings = mappings;
    this.#code = code;
    this.#source = source;
  }

  /**
   * The position in the source of the generated position `line`:`column` (1-based, as in a
   * stack frame): counted from the segment it lies in (the last one of the line starting at or
   * before it) or from the next one when the text between them and it is the same in both (see
   * above), else that segment's start; a column before the line's first segment gets that one's.
   * `undefined` when the line has no segment that maps to the source (code the transpiler added,
   * such as its decorator helpers) or is not in the map.
   * @example new PositionMap('AAAA;AAEA', 'a;\nb;\n', 'a;\n\nb;\n').original(2, 1) // { line: 3, column: 1 }
   */
  original(line: number, column: number): SourcePosition | undefined {
    const decoded = this.#decode();
    const { segments, lineStarts } = decoded;
    const from = lineStarts[line - 1];
    const to = lineStarts[line];
    if (line < 1 || from === undefined || to === undefined || from === to) return undefined;
    const at = column - 1;
    let found = from;
    let low = from;
    let high = to - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if ((segments[middle * 3] ?? 0) <= at) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    const start = segments[found * 3] ?? 0;
    const mapped = this.#segment(found);
    if (mapped === undefined || at <= start) return mapped;
    const codeLine = lineOf(this.#code, decoded.codeLines, line - 1);
    const stretch = codeLine.slice(start, at + 1);
    if (this.#sourceText(mapped, 0, stretch.length) === stretch)
      return { line: mapped.line, column: mapped.column + at - start };
    const next = found + 1 < to ? this.#segment(found + 1) : undefined;
    if (next === undefined) return mapped;
    const before = codeLine.slice(at, segments[(found + 1) * 3] ?? 0);
    if (this.#sourceText(next, -before.length, 0) === before)
      return { line: next.line, column: next.column - before.length };
    return mapped;
  }

  /** The source position of segment `index`; `undefined` when it maps to no source. */
  #segment(index: number): SourcePosition | undefined {
    const { segments } = this.#decode();
    const line = segments[index * 3 + 1] ?? -1;
    return line < 0 ? undefined : { line: line + 1, column: (segments[index * 3 + 2] ?? 0) + 1 };
  }

  /** The source's text on the line of `position`, from `from` to `to` characters past its column. */
  #sourceText(position: SourcePosition, from: number, to: number): string | undefined {
    const column = position.column - 1 + from;
    if (column < 0) return undefined;
    const text = lineOf(this.#source, this.#decode().sourceLines, position.line - 1);
    return text.slice(column, position.column - 1 + to);
  }

  /** The decoded mappings; a map that does not decode maps nothing (a stack is never lost to it). */
  #decode(): Decoded {
    if (this.#decoded === undefined) {
      let mappings: DecodedMappings;
      try {
        mappings = decodeMappings(this.#mappings ?? '');
      } catch {
        mappings = { segments: new Int32Array(0), lineStarts: new Int32Array(1) };
      }
      this.#mappings = undefined;
      this.#decoded = { ...mappings, codeLines: lineOffsets(this.#code), sourceLines: lineOffsets(this.#source) };
    }
    return this.#decoded;
  }
}

/** Where each line of `text` starts; one more entry, past the end. */
function lineOffsets(text: string): Int32Array {
  const offsets = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) offsets.push(index + 1);
  offsets.push(text.length + 1);
  return Int32Array.from(offsets);
}

/** Line `index` (0-based) of `text`, without its line break; `''` past the end. */
function lineOf(text: string, offsets: Int32Array, index: number): string {
  const start = offsets[index];
  const next = offsets[index + 1];
  return start === undefined || next === undefined ? '' : text.slice(start, next - 1);
}
