/**
 * The control for the escape specs: runs a hostile fixture under node:vm, which is not a security
 * boundary, with plain host functions standing in for the API modules. The same probes that come
 * back "contained" in our sandbox must come back "ESCAPED" here, which shows they can tell.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/** Runs `file` (CommonJS, requiring `./lib/probe` and the v4 API modules) and returns the probe report. */
export async function runInNodeVm(file: string, marker: string): Promise<Record<string, string>> {
  let output = '';
  const apis: Record<string, object> = {
    'http/v4/response': {
      print: (text: unknown) => {
        output += String(text);
      },
      setContentType: () => undefined,
      setStatus: (status: unknown) => {
        if (typeof status !== 'number') throw new TypeError('setStatus: invalid status code');
      },
    },
    'http/v4/request': {
      getHeader: (name: string) => (name === 'x-escape-marker' ? marker : null),
      getHeaders: () => [],
      getParameter: () => null,
    },
    'http/v4/session': {
      getAttribute: () => null,
      setAttribute: (name: unknown) => {
        if (name === '') throw new TypeError('setAttribute: attribute name must be a non-empty string');
      },
      getCreationTime: () => new Date(),
      getAttributeNames: () => [],
    },
  };
  const context = vm.createContext({ console });
  const load = (filename: string): { exports: unknown; returned: unknown } => {
    const wrapper = vm.compileFunction(
      readFileSync(filename, 'utf8'),
      ['exports', 'require', 'module', '__filename', '__dirname'],
      { parsingContext: context },
    );
    const module = { exports: {} as unknown };
    const requireFrom = (specifier: string) =>
      apis[specifier] ?? load(path.resolve(path.dirname(filename), `${specifier}.js`)).exports;
    const returned: unknown = wrapper.call(
      module.exports,
      module.exports,
      requireFrom,
      module,
      filename,
      path.dirname(filename),
    );
    return { exports: module.exports, returned };
  };
  await load(file).returned;
  return JSON.parse(output) as Record<string, string>;
}
