/**
 * Source map `mappings` decoded by our own Base64 VLQ reader (source-map-mappings.ts) and looked up
 * by PositionMap: hand-made mappings with known answers, malformed ones, and the maps esbuild
 * writes for TypeScript, checked against Node's own source map reader (`node:module` SourceMap).
 */
import { SourceMap } from 'node:module';
import { expect } from 'chai';
import { transformSync } from 'esbuild';
import { PositionMap } from '../../../worker/sandbox/position-map.js';
import { decodeMappings } from '../../../worker/sandbox/source-map-mappings.js';

/** The triples of each generated line of `mappings`. */
function lines(mappings: string): number[][][] {
  const { segments, lineStarts } = decodeMappings(mappings);
  const result: number[][][] = [];
  for (let line = 0; line + 1 < lineStarts.length; line++) {
    const triples: number[][] = [];
    for (let index = lineStarts[line] ?? 0; index < (lineStarts[line + 1] ?? 0); index++)
      triples.push(Array.from(segments.subarray(index * 3, index * 3 + 3)));
    result.push(triples);
  }
  return result;
}

const TYPESCRIPT = `// types above the code move its lines
interface Item {
  name: string;
}
type Maybe<T> = T | undefined;

export function first(items: Item[]): Maybe<Item> {
  const found: Item | undefined = items[0];
  return (found as Item).name.length > 0 ? found : undefined;
}

function decorate(_target: unknown, context: ClassMethodDecoratorContext): void {
  if (context.kind !== 'method') throw new TypeError('methods only');
}

export class Cart {
  private readonly items: Item[] = [];

  @decorate
  add(item: Item): number {
    this.items.push(item);
    return this.items.length;
  }
}
`;

describe('position map', () => {
  describe('decodeMappings', () => {
    it('reads segments line by line, the generated column relative within a line, the rest across lines', () => {
      // Line 0: column 0 → 0:0, column 4 → 0:4. Line 1: column 2 → 2:0 (line +2, column -4).
      expect(lines('AAAA,IAAI;EAEJ')).to.deep.equal([
        [
          [0, 0, 0],
          [4, 0, 4],
        ],
        [[2, 2, 0]],
      ]);
    });

    it('reads numbers of several digits and negative numbers', () => {
      // gB: 32, the sign bit clear: 16. 7B: 59, the sign bit set: -29 (line 40 - 29 = 11).
      expect(lines('gBAwCgB;AA7BA')).to.deep.equal([[[16, 40, 16]], [[0, 11, 16]]]);
    });

    it('keeps empty lines, and a one-number segment as mapping to no source', () => {
      expect(lines(';;A,CAAA;')).to.deep.equal([
        [],
        [],
        [
          [0, -1, -1],
          [1, 0, 0],
        ],
        [],
      ]);
    });

    it("orders a line's segments by generated column", () => {
      // Column 2 → 0:2, then column 1 → 0:3.
      expect(lines('EAAE,DAAC')).to.deep.equal([
        [
          [1, 0, 3],
          [2, 0, 2],
        ],
      ]);
    });

    it('throws on text that is not mappings, naming the offset', () => {
      expect(() => decodeMappings('AAAA,A!AA')).to.throw(/the character "!" at offset 6/);
      expect(() => decodeMappings('AAAg')).to.throw(/a number cut short/);
      expect(() => decodeMappings('AA;')).to.throw(/a segment of 2 numbers at offset 2/);
      expect(() => decodeMappings('AAAAAA')).to.throw(/a segment too long/);
    });
  });

  describe('PositionMap.original', () => {
    // Line 1: columns 2 and 10 map to 3:4 and 3:12. Line 2: none. Line 3: an unmapped segment. The
    // texts differ everywhere, so positions are those of the segments.
    const map = new PositionMap('EAEI,QAAQ;;A', 'x'.repeat(20), `\n\n${'y'.repeat(20)}`);

    it('gives the position of the segment a 1-based position lies in', () => {
      expect(map.original(1, 3)).to.deep.equal({ line: 3, column: 5 });
      expect(map.original(1, 10)).to.deep.equal({ line: 3, column: 5 });
      expect(map.original(1, 11)).to.deep.equal({ line: 3, column: 13 });
      expect(map.original(1, 99)).to.deep.equal({ line: 3, column: 13 });
    });

    it("gives the line's first segment for a column before them all", () => {
      expect(map.original(1, 1)).to.deep.equal({ line: 3, column: 5 });
    });

    it('gives nothing for a line without segments, an unmapped segment, a line not in the map', () => {
      expect(map.original(2, 1)).to.equal(undefined);
      expect(map.original(3, 1)).to.equal(undefined);
      expect(map.original(4, 1)).to.equal(undefined);
      expect(map.original(0, 1)).to.equal(undefined);
    });

    it("counts from the segment's start when the text up to the position is the same in the source", () => {
      // One segment: column 0 → line 1, column 4.
      expect(new PositionMap('AACI', 'abc.def', '\n    abc.def').original(1, 5)).to.deep.equal({ line: 2, column: 9 });
      expect(new PositionMap('AACI', 'abc.def', '\n    abc .def').original(1, 5)).to.deep.equal({ line: 2, column: 5 });
    });

    it('counts back from the next segment when the text from the position to it is the same', () => {
      // `a).b` from `a as T).b`: column 0 → 0:0, column 3 → 0:8.
      const cast = new PositionMap('AAAA,GAAQ', 'a).b', 'a as T).b');
      expect(cast.original(1, 3)).to.deep.equal({ line: 1, column: 8 });
      expect(cast.original(1, 2)).to.deep.equal({ line: 1, column: 7 });
      expect(new PositionMap('AAAA,GAAQ', 'a).b', 'a as T) .b').original(1, 3)).to.deep.equal({ line: 1, column: 1 });
    });

    it('maps nothing, and never throws, when the mappings are malformed', () => {
      expect(new PositionMap('AA!', 'x', 'x').original(1, 1)).to.equal(undefined);
    });
  });

  describe("esbuild's maps of TypeScript", () => {
    const { code, map } = transformSync(TYPESCRIPT, {
      loader: 'ts',
      target: 'es2022',
      sourcefile: 'cart.ts',
      sourcemap: 'external',
      sourcesContent: false,
    });
    const payload = JSON.parse(map) as { mappings: string; version: number; sources: string[]; names: string[] };
    const ours = new PositionMap(payload.mappings, code, TYPESCRIPT);
    const node = new SourceMap({ ...payload, file: 'cart.js', sourceRoot: '', sourcesContent: [] });
    const codeLines = code.split('\n');
    const sourceLines = TYPESCRIPT.split('\n');

    /** Node's entry for a 0-based generated position, when it is of that line. */
    function nodeEntry(line: number, column: number) {
      const entry = node.findEntry(line, column) as {
        generatedLine?: number;
        generatedColumn?: number;
        originalLine?: number;
        originalColumn?: number;
      };
      return entry.generatedLine === line && entry.originalLine !== undefined ? entry : undefined;
    }

    it("agrees with Node's reader at the start of every segment", () => {
      let compared = 0;
      codeLines.forEach((text, line) => {
        for (let column = 0; column < text.length; column++) {
          const entry = nodeEntry(line, column);
          if (entry?.generatedColumn !== column || entry.originalColumn === undefined) continue;
          compared++;
          expect(ours.original(line + 1, column + 1), `${line + 1}:${column + 1}`).to.deep.equal({
            line: (entry.originalLine ?? 0) + 1,
            column: entry.originalColumn + 1,
          });
        }
      });
      expect(compared).to.be.above(50);
    });

    it("elsewhere gives Node's answer, or a position with the same character in the source", () => {
      let counted = 0;
      codeLines.forEach((text, line) => {
        for (let column = 0; column < text.length; column++) {
          const entry = nodeEntry(line, column);
          if (entry === undefined || entry.generatedColumn === column) continue;
          const found = ours.original(line + 1, column + 1);
          const nodes = { line: (entry.originalLine ?? 0) + 1, column: (entry.originalColumn ?? 0) + 1 };
          if (found?.line === nodes.line && found.column === nodes.column) continue;
          counted++;
          const character = sourceLines[(found?.line ?? 0) - 1]?.[(found?.column ?? 0) - 1];
          expect(character, `${line + 1}:${column + 1} → ${JSON.stringify(found)}`).to.equal(text[column]);
        }
      });
      expect(counted).to.be.above(100);
    });

    it('points at the TypeScript of a property access below erased types', () => {
      const lineOfCode = codeLines.findIndex((text) => text.includes('.name.length'));
      const text = codeLines[lineOfCode] ?? '';
      expect(ours.original(lineOfCode + 1, text.indexOf('length') + 1)).to.deep.equal({ line: 9, column: 31 });
      // The dot after `found` (a cast in the TypeScript) has no segment of its own.
      expect(ours.original(lineOfCode + 1, text.indexOf('.name') + 1)).to.deep.equal({ line: 9, column: 25 });
    });

    it('maps nothing in the decorator helpers esbuild adds at the top', () => {
      expect(codeLines[0]).to.match(/^var __/);
      expect(ours.original(1, 1)).to.equal(undefined);
    });
  });
});
