/**
 * The type definitions in types/: sample scripts that use every script module type-check against
 * them with no error, mistakes are caught, every module name the runtime accepts is declared, and
 * each module's declared members are exactly what the module exports at run time (asked of a real
 * worker).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';
import { apiModuleNames } from '../../worker/sandbox/module-names.js';
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

/** A program of scripts written here (file name under fixtures/types → text), with `overrides`. */
function programOf(scripts: Readonly<Record<string, string>>, overrides: ts.CompilerOptions = {}): ts.Program {
  const texts = new Map(Object.entries(scripts).map(([name, text]) => [path.join(fixturesDir, 'types', name), text]));
  const host = ts.createCompilerHost({ ...options, ...overrides });
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (fileName) => texts.has(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => texts.get(fileName) ?? readFile.call(host, fileName);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const text = texts.get(fileName);
    return text === undefined
      ? getSourceFile.call(host, fileName, languageVersion, ...rest)
      : ts.createSourceFile(fileName, text, languageVersion);
  };
  return ts.createProgram([typesIndex, ...texts.keys()], { ...options, ...overrides }, host);
}

/** A CommonJS script that requires, and an ES module script that imports, every module name. */
function everyName(): Record<string, string> {
  const names = apiModuleNames();
  return {
    'every-name.js': names.map((name, i) => `var m${i} = require(${JSON.stringify(name)});`).join('\n'),
    'every-name.mjs': names.map((name, i) => `import * as m${i} from ${JSON.stringify(name)};`).join('\n'),
  };
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

/** The ambient module that declares `id`: by its exact name, else by a pattern (`c*onsole`), as TypeScript resolves. */
function ambientModule(checker: ts.TypeChecker, id: string): ts.Symbol | undefined {
  const modules = checker.getAmbientModules();
  return (
    modules.find((symbol) => symbol.getName() === `"${id}"`) ??
    modules.find((symbol) => {
      const [prefix = '', suffix, ...more] = symbol.getName().slice(1, -1).split('*');
      if (suffix === undefined || more.length > 0) return false;
      return id.length >= prefix.length + suffix.length && id.startsWith(prefix) && id.endsWith(suffix);
    })
  );
}

/** Names of the values a module declares (through `export =` or ES exports), sorted. */
function declaredMembers(checker: ts.TypeChecker, id: string): string[] {
  const module = ambientModule(checker, id);
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

/** A member's kind as a script sees it: `class`, `function`, `object`, `number`, `string`, `boolean`. */
function declaredKind(type: ts.Type): string {
  if (type.getConstructSignatures().length > 0) return 'class';
  if (type.getCallSignatures().length > 0) return 'function';
  const flags = type.getFlags();
  if ((flags & ts.TypeFlags.NumberLike) !== 0) return 'number';
  if ((flags & ts.TypeFlags.StringLike) !== 0) return 'string';
  if ((flags & ts.TypeFlags.BooleanLike) !== 0) return 'boolean';
  return 'object';
}

/**
 * What `require(id)` gives by member, as kinds (`(itself)` the value itself), as the types declare
 * it: the `export =` value and its properties (a class's `prototype` left out, as `Object.keys`
 * leaves it out), or a module's value exports (its `default` left out: require() has none, and
 * import gives the exports object as it).
 */
function declaredKinds(checker: ts.TypeChecker, id: string): Record<string, string> {
  const module = ambientModule(checker, id);
  if (module === undefined) throw new Error(`types/ declares no module "${id}"`);
  const exportEquals = module.exports?.get(ts.InternalSymbolName.ExportEquals);
  if (exportEquals === undefined) {
    const members = checker
      .getExportsOfModule(module)
      .filter(
        (symbol) => symbol.getName() !== 'default' && (resolve(checker, symbol).flags & ts.SymbolFlags.Value) !== 0,
      )
      .map((symbol) => [symbol.getName(), declaredKind(checker.getTypeOfSymbol(resolve(checker, symbol)))]);
    return Object.fromEntries([['(itself)', 'object'], ...members]);
  }
  const type = checker.getTypeOfSymbol(resolve(checker, exportEquals));
  const itself = declaredKind(type);
  const members = checker
    .getPropertiesOfType(type)
    .filter((symbol) => itself !== 'class' || symbol.getName() !== 'prototype')
    .map((symbol) => [symbol.getName(), declaredKind(checker.getTypeOfSymbol(symbol))]);
  return Object.fromEntries([['(itself)', itself], ...members]);
}

/**
 * The declared return types (one per call signature) of what a script calls by `id` and
 * `member.path` (see fixtures/types/scripts/returns.js); `rs:sdk` and `rs:v4` stand for the
 * `{ request, response }` an sdk/http/rs or http/v4/rs handler gets (the module's HandlerRequest and
 * HandlerResponse types).
 */
function declaredReturns(checker: ts.TypeChecker, id: string, memberPath: string): ts.Type[] {
  const rs = /^rs:(sdk|v4)$/.exec(id)?.[1];
  const module = ambientModule(checker, rs === undefined ? id : rs === 'sdk' ? 'sdk/http/rs' : 'http/v4/rs');
  if (module === undefined) throw new Error(`types/ declares no module "${id}"`);
  const exportEquals = module.exports?.get(ts.InternalSymbolName.ExportEquals);
  const value = exportEquals === undefined ? module : resolve(checker, exportEquals);
  const names = memberPath.split('.');
  let type: ts.Type;
  if (rs === undefined) type = checker.getTypeOfSymbol(value);
  else {
    const name = names.shift() === 'request' ? 'HandlerRequest' : 'HandlerResponse';
    const alias = value.exports?.get(ts.escapeLeadingUnderscores(name));
    if (alias === undefined) throw new Error(`${id}: no ${name}`);
    type = checker.getDeclaredTypeOfSymbol(resolve(checker, alias));
  }
  for (const name of names) {
    const member = checker.getPropertyOfType(type, name);
    if (member === undefined) throw new Error(`${id}: no ${memberPath}`);
    type = checker.getTypeOfSymbol(member);
  }
  return type.getCallSignatures().map((signature) => signature.getReturnType());
}

/** The constituents of a union, or the type itself. */
function constituents(type: ts.Type): readonly ts.Type[] {
  return type.isUnion() ? type.types : [type];
}

/**
 * True when a declared return type admits what the function answered at run time (a kind of
 * fixtures/types/scripts/returns.js): `null` and `undefined` only where declared (`void` takes
 * `undefined`), an array where an array type is, `any` everything.
 */
function admits(checker: ts.TypeChecker, type: ts.Type, kind: string): boolean {
  if ((type.getFlags() & ts.TypeFlags.Any) !== 0) return true;
  switch (kind) {
    case 'null':
      return checker.isTypeAssignableTo(checker.getNullType(), type);
    case 'undefined':
      return checker.isTypeAssignableTo(checker.getUndefinedType(), type);
    case 'string':
      return checker.isTypeAssignableTo(checker.getStringType(), type);
    case 'number':
      return checker.isTypeAssignableTo(checker.getNumberType(), type);
    case 'boolean':
      return checker.isTypeAssignableTo(checker.getBooleanType(), type);
    case 'array':
      return constituents(type).some((part) => checker.isArrayType(part));
    case 'object':
      return constituents(type).some(
        (part) =>
          (part.getFlags() & (ts.TypeFlags.Object | ts.TypeFlags.NonPrimitive)) !== 0 && !checker.isArrayType(part),
      );
    default:
      return false;
  }
}

describe('type definitions (types/)', () => {
  it('type-check scripts that use every module, CommonJS and ES module, with no error', () => {
    expect(diagnostics(program('uses-every-module.js', 'uses-every-module.mjs'))).to.deep.equal([]);
  });

  it('declare every module name the runtime accepts (worker/sandbox/module-names.ts), for require and import', () => {
    expect(diagnostics(programOf(everyName()))).to.deep.equal([]);
  });

  it('index.d.ts references every file of types/', () => {
    const referenced = program()
      .getSourceFiles()
      .map((file) => path.relative(path.dirname(typesIndex), file.fileName))
      .filter((name) => !name.startsWith('..'));
    const files = readdirSync(path.dirname(typesIndex)).filter((name) => name.endsWith('.d.ts'));
    expect(referenced.sort()).to.deep.equal(files.sort());
  });

  it('sit beside @types/node (no duplicate declaration; `console` is then its console)', () => {
    const checked = programOf(everyName(), { types: ['node'] });
    expect(checked.getSourceFiles().some((file) => file.fileName.includes('@types/node'))).to.equal(true);
    expect(diagnostics(checked)).to.deep.equal([]);
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

  it("type rs handlers and decorated methods with the objects they get: sdk/http/rs the SDK's Request and Response, http/v4/rs the http/v4 modules", () => {
    expect(diagnostics(program('rs-handlers.ts'))).to.deep.equal([]);
  });

  it('catch rs handlers and decorated methods that take a request of the other generation (null vs undefined), and mappings of the one given to the other', () => {
    expect(
      diagnostics(program('rs-handler-misuses.ts')).map((line) => line.split(' ').slice(0, 2).join(' ')),
    ).to.deep.equal([
      'rs-handler-misuses.ts:4 TS2322',
      'rs-handler-misuses.ts:5 TS2322',
      'rs-handler-misuses.ts:6 TS2769',
      'rs-handler-misuses.ts:7 TS2769',
      'rs-handler-misuses.ts:8 TS2322',
      'rs-handler-misuses.ts:9 TS2345',
      'rs-handler-misuses.ts:10 TS2322',
      'rs-handler-misuses.ts:11 TS2322',
    ]);
  });

  describe('declare each member of every module name as the kind of value require() gives at run time', () => {
    // A class of static members only (the SDK's Request, Logging, Assert …) is, to a script, an
    // object of functions: the types declare the interface of its statics.
    let runtime: Record<string, Record<string, string>>;
    let checker: ts.TypeChecker;
    before(async () => {
      checker = program().getTypeChecker();
      const harness = await startRuntime({ root: path.join(fixturesDir, 'types', 'scripts') });
      try {
        const query = apiModuleNames()
          .map((id) => `module=${encodeURIComponent(id)}`)
          .join('&');
        runtime = (await harness.client().get(`/services/js/kinds.js?${query}`)).json<
          Record<string, Record<string, string>>
        >();
      } finally {
        await harness.close();
      }
    });

    for (const id of apiModuleNames()) {
      it(id, () => expect(declaredKinds(checker, id)).to.deep.equal(runtime[id]));
    }
  });

  describe('declare what the functions answer at run time: null, undefined, arrays (a GET without cookies, body or attributes)', () => {
    /** [module id, member path, arguments…] and what it answers for that request. */
    const cases: [id: string, member: string, args: unknown[], answer: string][] = [
      ...['http/v4/request', 'http/v3/request', 'http/request', 'net/http/request', 'sdk/http/request'].flatMap(
        (id): [string, string, unknown[], string][] => [
          [id, 'getCookies', [], 'null'],
          [id, 'getParameter', ['absent'], 'null'],
          [id, 'getParameterNames', [], 'array'],
          [id, 'getHeaderNames', [], 'array'],
          [id, 'getAttributeNames', [], 'array'],
        ],
      ),
      ...['http/v4/request', 'http/v3/request', 'http/request'].flatMap((id): [string, string, unknown[], string][] => [
        [id, 'getParameterValues', ['absent'], 'null'],
        [id, 'getParameterValues', ['case'], 'array'],
        [id, 'getHeader', ['X-Absent'], 'null'],
        [id, 'getHeaders', ['X-Absent'], 'array'],
        [id, 'getAttribute', ['absent'], 'null'],
        [id, 'getLocale', [], 'string'],
        [id, 'getContentType', [], 'null'],
        [id, 'getCharacterEncoding', [], 'null'],
        [id, 'getRemoteUser', [], 'null'],
        [id, 'getQueryString', [], 'string'],
      ]),
      ...['http/v4/request', 'http/v3/request', 'http/request'].flatMap((id): [string, string, unknown[], string][] => [
        [id, 'getJSON', [], 'null'],
        [id, 'json', [], 'null'],
        [id, 'getAuthType', [], 'null'],
        [id, 'getQueryParametersMap', [], 'object'],
        [id, 'getBytes', [], 'array'],
      ]),
      ['sdk/http/request', 'getHeader', ['X-Absent'], 'undefined'],
      ['sdk/http/request', 'getAttribute', ['absent'], 'undefined'],
      ['sdk/http/request', 'getJSON', [], 'undefined'],
      ['sdk/http/request', 'json', [], 'undefined'],
      ['sdk/http/request', 'getParameterValues', ['absent'], 'null'],
      ['sdk/http/request', 'getHeaders', ['X-Absent'], 'array'],
      ['sdk/http/request', 'getLocale', [], 'string'],
      ...['http/v4/response', 'http/v3/response', 'http/response', 'sdk/http/response'].flatMap(
        (id): [string, string, unknown[], string][] => [
          [id, 'getHeader', ['X-Absent'], 'null'],
          [id, 'getHeaders', ['X-Absent'], 'array'],
          [id, 'getHeaderNames', [], 'array'],
          [id, 'getContentType', [], 'null'],
          [id, 'getLocale', [], 'string'],
          [id, 'getCharacterEncoding', [], 'string'],
          [id, 'HttpCodesReasons.getReason', [599], 'undefined'],
          [id, 'HttpCodesReasons.getReason', [404], 'string'],
        ],
      ),
      ['sdk/http/response', 'write', [], 'undefined'],
      ...['http/v4/session', 'http/v3/session', 'http/session', 'net/http/session', 'sdk/http/session'].flatMap(
        (id): [string, string, unknown[], string][] => [
          [id, 'getAttribute', ['absent'], 'null'],
          [id, 'getAttributeNames', [], 'array'],
        ],
      ),
      ...['security/user', 'sdk/security/user'].flatMap((id): [string, string, unknown[], string][] => [
        [id, 'getName', [], 'string'],
        [id, 'getAuthType', [], 'null'],
        [id, 'getSecurityToken', [], 'string'],
        [id, 'getInvocationCount', [], 'null'],
        [id, 'getLanguage', [], 'string'],
      ]),
      ['rs:sdk', 'request.getHeader', ['X-Absent'], 'undefined'],
      ['rs:sdk', 'request.getAttribute', ['absent'], 'undefined'],
      ['rs:sdk', 'request.getJSON', [], 'undefined'],
      ['rs:sdk', 'request.json', [], 'undefined'],
      ['rs:sdk', 'request.getCookies', [], 'null'],
      ['rs:sdk', 'response.getHeader', ['X-Absent'], 'null'],
      ['rs:v4', 'request.getHeader', ['X-Absent'], 'null'],
      ['rs:v4', 'request.getAttribute', ['absent'], 'null'],
      ['rs:v4', 'request.getJSON', [], 'null'],
      ['rs:v4', 'request.json', [], 'undefined'],
      ['rs:v4', 'request.getCookies', [], 'null'],
    ];
    let answers: string[];
    let checker: ts.TypeChecker;
    before(async () => {
      checker = program().getTypeChecker();
      const harness = await startRuntime({ root: path.join(fixturesDir, 'types', 'scripts') });
      try {
        const query = cases
          .map(([id, member, args]) => `case=${encodeURIComponent(JSON.stringify([id, member, ...args]))}`)
          .join('&');
        answers = (await harness.client().get(`/services/js/returns.js?${query}`)).json<string[]>();
      } finally {
        await harness.close();
      }
    });

    cases.forEach(([id, member, args, answer], index) => {
      const call = `${id} ${member}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`;
      it(`${call}: ${answer}`, () => {
        expect(answers[index], 'the answer at run time').to.equal(answer);
        const returns = declaredReturns(checker, id, member);
        const shown = returns.map((type) => checker.typeToString(type)).join(' / ');
        expect(
          returns.some((type) => admits(checker, type, answer)),
          `declared ${shown}`,
        ).to.equal(true);
        // null where undefined is answered (or the other way round) is the mistake to catch.
        const other = answer === 'null' ? 'undefined' : answer === 'undefined' ? 'null' : undefined;
        if (other !== undefined) {
          expect(
            returns.some((type) => (type.getFlags() & ts.TypeFlags.Any) === 0 && admits(checker, type, other)),
            `declared ${shown}, which admits ${other}`,
          ).to.equal(false);
        }
      });
    });
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
      'console',
      'http/rs/handler-objects',
      'http/rs/path-template',
      'http/rs/media-types',
      '@aerokit/sdk/http/upload',
      '@aerokit/sdk/http/client',
      'http/v3/upload',
      'http/v3/client',
      // The SDK's class modules: require() gives the class, its statics and itself under its name.
      'sdk/http/session',
      'sdk/http/request',
      'sdk/http/response',
      'sdk/http/upload',
      'sdk/http/client',
      // The user API, and the SDK's User class (require() gives the class, as for the HTTP classes).
      'security/user',
      'security/v4/user',
      'sdk/security/user',
      '@aerokit/sdk/security/user',
      // The loggers: require() gives the Logging class under each name.
      'log/logging',
      'log/v4/logging',
      'log/v3/logging',
      'sdk/log/logging',
      '@dirigible/log/logging',
      '@aerokit/sdk/log/logging',
      // The utils modules, and the SDK's utils classes (require() gives the class).
      ...['base64', 'digest', 'escape', 'hex', 'url', 'utf8', 'uuid'].flatMap((name) => [
        `utils/${name}`,
        `utils/v4/${name}`,
        `sdk/utils/${name}`,
        `@aerokit/sdk/utils/${name}`,
      ]),
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

    for (const id of [
      'sdk/http',
      'sdk/http/rs',
      'sdk/http/decorators',
      '@aerokit/sdk/http/rs',
      '@aerokit/sdk/http/decorators',
      'http/rs/decorators',
      'sdk/http/utils',
      'sdk/http/errors',
      '@aerokit/sdk/http/utils',
      '@aerokit/sdk/http/errors',
      'sdk/security',
      '@dirigible/security',
      '@aerokit/sdk/security',
      'sdk/log',
      '@dirigible/log',
      '@aerokit/sdk/log',
      'sdk/utils',
      '@aerokit/sdk/utils',
      '@dirigible/utils',
      'sdk/test',
      '@dirigible/test',
    ]) {
      it(id, () => expect(declaredMembers(checker, id)).to.deep.equal(runtime[id]));
    }

    // The class an ES module script imports by name is the class require() gives.
    for (const [id, name] of [
      ['sdk/http/session', 'Session'],
      ['sdk/http/request', 'Request'],
      ['sdk/http/response', 'Response'],
      ['sdk/security/user', 'User'],
    ] as const) {
      it(`${id} ${name}`, () => expect(declaredMembers(checker, id)).to.deep.equal(runtime[name]));
    }
  });
});
