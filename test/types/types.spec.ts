/**
 * The type definitions in types/: sample scripts that use every script module type-check against
 * them with no error, mistakes are caught, and each module's declared members are exactly what the
 * module exports at run time (asked of a real worker).
 */
import path from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';
import { fixturesDir, packageDir } from '../support/paths.js';
import { startRuntime } from '../support/runtime-harness.js';

const typesIndex = path.join(packageDir, 'types', 'index.d.ts');
const options: ts.CompilerOptions = {
  allowJs: true,
  checkJs: true,
  noEmit: true,
  strict: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  types: [],
  lib: ['lib.es2022.d.ts'],
};

function program(...fixtures: string[]): ts.Program {
  return ts.createProgram([typesIndex, ...fixtures.map((name) => path.join(fixturesDir, 'types', name))], options);
}

/** `file:line TScode` of every diagnostic. */
function diagnostics(checked: ts.Program): string[] {
  return ts.getPreEmitDiagnostics(checked).map((diagnostic) => {
    const file = diagnostic.file;
    const line = file === undefined ? 0 : file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1;
    return `${path.basename(file?.fileName ?? '?')}:${line} TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}

/** The symbol an alias (a re-export, `import x = require()`) stands for. */
function resolve(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return (symbol.flags & ts.SymbolFlags.Alias) !== 0 ? checker.getAliasedSymbol(symbol) : symbol;
}

/** Names of the values a module declares (through `export =` or ES exports), sorted. */
function declaredMembers(checker: ts.TypeChecker, id: string): string[] {
  const module = checker.getAmbientModules().find((symbol) => symbol.getName() === `"${id}"`);
  if (module === undefined) throw new Error(`types/ declares no module "${id}"`);
  const exportEquals = module.exports?.get(ts.InternalSymbolName.ExportEquals);
  const target = exportEquals === undefined ? undefined : resolve(checker, exportEquals);
  const symbols =
    target === undefined
      ? checker
          .getExportsOfModule(module)
          .filter((symbol) => (resolve(checker, symbol).flags & ts.SymbolFlags.Value) !== 0)
      : checker.getPropertiesOfType(checker.getTypeOfSymbol(target));
  return symbols.map((symbol) => symbol.getName()).sort();
}

describe('type definitions (types/)', () => {
  it('type-check scripts that use every module, CommonJS and ES module, with no error', () => {
    expect(diagnostics(program('uses-every-module.js', 'uses-every-module.mjs'))).to.deep.equal([]);
  });

  it('take attribute values typed by interfaces (no index signature), in TypeScript and checkJs', () => {
    expect(diagnostics(program('session-interfaces.ts', 'session-interfaces.js'))).to.deep.equal([]);
  });

  it('catch misuse: missing v2 functions, wrong argument types, non-data values, misspelt names, v2 files as v4 items, unloaded data, functions and class instances as attribute values', () => {
    expect(
      diagnostics(program('misuses.js', 'misuses.mjs')).map((line) => line.split(' ').slice(0, 2).join(' ')),
    ).to.deep.equal([
      'misuses.js:5 TS2339',
      'misuses.js:6 TS2345',
      'misuses.js:7 TS2345',
      'misuses.js:8 TS2322',
      'misuses.js:9 TS2551',
      'misuses.js:10 TS2339',
      'misuses.js:11 TS2531',
      'misuses.js:12 TS2322',
      'misuses.js:13 TS2345',
      'misuses.mjs:2 TS2305',
      'misuses.mjs:4 TS2551',
    ]);
  });

  describe('declare exactly what each module exports at run time', () => {
    const cjsIds = [
      'http/v4/session',
      'http/v3/session',
      'http/session',
      'net/http/session',
      'http/v4/request',
      'http/v3/request',
      'http/request',
      'net/http/request',
      'http/v4/response',
      'http/v3/response',
      'http/response',
      'net/http/response',
      'http/v4/rs',
      'http/v3/rs',
      'http/rs',
      'core/console',
      'core/v4/console',
      // The SDK's class modules: require() gives the class, its statics and itself under its name.
      'sdk/http/session',
      'sdk/http/request',
      'sdk/http/response',
      'sdk/http/upload',
      'sdk/http/client',
    ];
    let runtime: Record<string, string[]>;
    let checker: ts.TypeChecker;
    before(async () => {
      checker = program().getTypeChecker();
      const harness = await startRuntime();
      try {
        const query = cjsIds.map((id) => `module=${encodeURIComponent(id)}`).join('&');
        runtime = {
          ...(await harness.client().get(`/services/js/generations/surface.js?${query}`)).json<
            Record<string, string[]>
          >(),
          ...(await harness.client().get('/services/js/esm/sdk-surface.mjs')).json<Record<string, string[]>>(),
        };
      } finally {
        await harness.close();
      }
    });

    for (const id of cjsIds) {
      it(id, () => expect(declaredMembers(checker, id)).to.deep.equal(runtime[id]));
    }

    for (const id of ['sdk/http', 'sdk/http/rs', 'sdk/http/decorators']) {
      it(id, () => expect(declaredMembers(checker, id)).to.deep.equal(runtime[id]));
    }

    // The class an ES module script imports by name is the class require() gives.
    for (const [id, name] of [
      ['sdk/http/session', 'Session'],
      ['sdk/http/request', 'Request'],
      ['sdk/http/response', 'Response'],
    ] as const) {
      it(`${id} ${name}`, () => expect(declaredMembers(checker, id)).to.deep.equal(runtime[name]));
    }
  });
});
