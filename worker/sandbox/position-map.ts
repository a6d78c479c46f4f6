/**
 * Where a position of a transpiled module's JavaScript came from in its TypeScript source. Kept
 * beside the module's cached code, as esbuild's source map `mappings` text (a few bytes per
 * token), and decoded on the first lookup: positions are looked up only when a stack or an error
 * names the module, never on a request that goes well.
 */
import { type DecodedMappings, decodeMappings } from './source-map-mappings.js';

/** A position as stacks show it: line and column, both 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

export class PositionMap {
  #mappings: string | undefined;
  #decoded: DecodedMappings | undefined;

  /** @param mappings the `mappings` field of the module's source map */
  constructor(mappings: string) {
    this.#mappings = mappings;
  }

  /**
   * The position in the source of the generated position `line`:`column` (1-based, as in a
   * stack frame): that of the segment the column lies in (the last one of the line starting at
   * or before it; the line's first when the column is before them all). `undefined` when the line
   * has no segment that maps to the source (code the transpiler added, such as its decorator
   * helpers) or is not in the map.
   * @example new PositionMap('AAAA;AAEA').original(2, 1) // { line: 3, column: 1 }
   */
  original(line: number, column: number): SourcePosition | undefined {
    const { segments, lineStarts } = this.#decode();
    const from = lineStarts[line - 1];
    const to = lineStarts[line];
    if (line < 1 || from === undefined || to === undefined || from === to) return undefined;
    let found = from;
    let low = from;
    let high = to - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if ((segments[middle * 3] ?? 0) <= column - 1) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    const sourceLine = segments[found * 3 + 1] ?? -1;
    if (sourceLine < 0) return undefined;
    return { line: sourceLine + 1, column: (segments[found * 3 + 2] ?? 0) + 1 };
  }

  /** The decoded mappings; a map that does not decode maps nothing (a stack is never lost to it). */
  #decode(): DecodedMappings {
    if (this.#decoded === undefined) {
      try {
        this.#decoded = decodeMappings(this.#mappings ?? '');
      } catch {
        this.#decoded = { segments: new Int32Array(0), lineStarts: new Int32Array(1) };
      }
      this.#mappings = undefined;
    }
    return this.#decoded;
  }
}
