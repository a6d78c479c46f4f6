/**
 * Points the positions the sandbox reports for TypeScript modules back at their TypeScript source.
 * A `.ts` module runs as the JavaScript esbuild made of it (typescript.ts), so V8 names the `.ts`
 * file with the lines and columns of that JavaScript: erased interfaces and types, and lowered
 * decorators, move them. Each transpiled module keeps its position map (position-map.ts); here
 * stack frames (`at f (app/x.ts:3:17)`, `at app/x.ts:6:1`, `at async app/x.ts:6:1`) and the
 * position isolated-vm appends to a compile error's message (`… [app/x.ts:2:1]`) are rewritten
 * with it. Only frame lines are touched, never the message at the head of a stack: a message may
 * quote a position that is already the source's (esbuild's syntax errors, `app/x.ts:4:23: …`).
 *
 * A frame in code the transpiler added (its decorator helpers) has no source position: it keeps
 * the file and loses the position, `at __runInitializers (app/x.ts)`.
 */
import type { PositionMap } from './position-map.js';

/** The position map of module `id` when it is a transpiled TypeScript module. */
export type PositionsOf = (id: string) => PositionMap | undefined;

/** `at name (id:line:column)`: everything up to the first ` (` is the frame's name. */
const NAMED_FRAME = /^(\s*at .*? \()(.+\.ts):(\d+):(\d+)\)$/;
/** `at id:line:column`, `at async id:line:column`: a frame of a module's top level. */
const ANONYMOUS_FRAME = /^(\s*at (?:async )?)(.+\.ts):(\d+):(\d+)$/;
/** The position isolated-vm appends to the message of a compile error. */
const COMPILE_POSITION = /\[(.+\.ts):(\d+):(\d+)\]$/;

export class SourcePositions {
  readonly #positionsOf: PositionsOf;

  constructor(positionsOf: PositionsOf) {
    this.#positionsOf = positionsOf;
  }

  /**
   * `text` (a stack, or a console line that holds one) with the position of every frame in a
   * TypeScript module pointed at its source; other lines as they were.
   * @example frames('Error: x\n    at f (app/x.ts:3:17)') // 'Error: x\n    at f (app/x.ts:6:19)'
   */
  frames(text: string): string {
    if (!text.includes('.ts:')) return text;
    const lines = text.split('\n');
    let changed = false;
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] ?? '';
      const named = line.endsWith(')');
      const match = (named ? NAMED_FRAME : ANONYMOUS_FRAME).exec(line);
      if (match === null) continue;
      const [, head = '', id = '', lineText = '', columnText = ''] = match;
      const location = this.#location(id, Number(lineText), Number(columnText));
      if (location === undefined) continue;
      lines[index] = `${head}${location}${named ? ')' : ''}`;
      changed = true;
    }
    return changed ? lines.join('\n') : text;
  }

  /**
   * `error`, thrown compiling a module, with the position at the end of its message pointed at
   * the TypeScript source when it names a TypeScript module (esbuild parses what it transpiles,
   * but V8 refuses a little more: `await` at the top level of a CommonJS script). The same error
   * object, changed in place, so whoever inspects it further sees the same kind of error.
   */
  compileError(error: unknown): unknown {
    if (!(error instanceof Error)) return error;
    const match = COMPILE_POSITION.exec(error.message);
    if (match === null) return error;
    const [whole, id = '', lineText = '', columnText = ''] = match;
    const location = this.#location(id, Number(lineText), Number(columnText));
    if (location !== undefined) error.message = `${error.message.slice(0, -whole.length)}[${location}]`;
    return error;
  }

  /** `id:line:column` in the source, `id` alone in added code; `undefined` when `id` has no map. */
  #location(id: string, line: number, column: number): string | undefined {
    const positions = this.#positionsOf(id);
    if (positions === undefined) return undefined;
    const original = positions.original(line, column);
    return original === undefined ? id : `${id}:${original.line}:${original.column}`;
  }
}
