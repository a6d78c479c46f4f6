/**
 * Which files are ES modules. The rule: a `.mjs` file always is; a `.js` or `.ts` file is when its
 * (transpiled) source has module syntax (a static `import` or `export`, or `import.meta`), as
 * es-module-lexer reports it; any other file is a CommonJS script. Dynamic `import()` alone does
 * not make a module. es-module-lexer is a tokenizer, not a regular expression: `import` inside a
 * string, comment or template is not module syntax. A source it cannot tokenize counts as
 * CommonJS, so the compiler reports the syntax error with its line and column.
 */
import { init, parse } from 'es-module-lexer';

await init;

/** True when `source` of the file `id` is an ES module. */
export function isEsModuleSource(id: string, source: string): boolean {
  if (id.endsWith('.mjs')) return true;
  try {
    return parse(source, id)[3];
  } catch {
    return false;
  }
}
