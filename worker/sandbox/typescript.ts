/**
 * Transpiles TypeScript scripts (`.ts`) to JavaScript with esbuild's `transformSync`: types are
 * stripped, never checked (a type error is not a reason to refuse a script, as in Dirigible), and
 * decorators are lowered with the standard (TC39) semantics that Dirigible 10's `@Controller` /
 * `@Get` decorators are written for. `import`/`export` stay as written, so a `.ts` file is an ES
 * module or a CommonJS script by the same rule as a `.js` file (module-kind.ts). The caller caches
 * the result by modification time.
 *
 * Erased types and lowered decorators move lines and columns, so esbuild's source map comes along:
 * its `mappings` become the module's position map (position-map.ts), which points the positions
 * of stacks back at the TypeScript source (source-positions.ts).
 */
import { stop, transformSync } from 'esbuild';
import { ScriptSyntaxError } from '../../common/errors.js';
import { PositionMap } from './position-map.js';

/** esbuild's description of a failed transform (the parts used here). */
interface TransformFailure {
  errors?: Array<{ text: string; location: { file: string; line: number; column: number } | null }>;
}

/** A TypeScript file made JavaScript. */
export interface Transpiled {
  code: string;
  /** Where each position of `code` came from in the TypeScript source. */
  positions: PositionMap;
}

/** True when the module id names a TypeScript file. */
export function isTypeScript(id: string): boolean {
  return id.endsWith('.ts');
}

/**
 * The JavaScript of the TypeScript `source` of module `id` (a path under the root), with its
 * position map; throws `ERR_SCRIPT_SYNTAX` naming the file, line and column (both 1-based) when it
 * does not parse.
 */
export function transpileTypeScript(id: string, source: string): Transpiled {
  let result: { code: string; map: string };
  try {
    result = transformSync(source, {
      loader: 'ts',
      target: 'es2022',
      sourcefile: id,
      sourcemap: 'external',
      sourcesContent: false,
      logLevel: 'silent',
    });
  } catch (error) {
    const first = (error as TransformFailure).errors?.[0];
    if (first === undefined) throw compilerStopped(id);
    const location = first.location;
    throw new ScriptSyntaxError(id, location?.line ?? 1, (location?.column ?? 0) + 1, first.text);
  }
  const { mappings } = JSON.parse(result.map) as { mappings?: unknown };
  const positions = new PositionMap(typeof mappings === 'string' ? mappings : '', result.code, source);
  return { code: result.code, positions };
}

/**
 * The error of a transform that failed without a description: esbuild's service died (a file nested
 * too deeply overflows its stack) or had died before. Its thread and process are stopped, so the
 * next transform starts a new one: otherwise every later TypeScript script of this worker failed.
 */
function compilerStopped(id: string): ScriptSyntaxError {
  void stop();
  return new ScriptSyntaxError(id, 1, 1, 'the TypeScript compiler stopped on this file (nested too deeply?)');
}
