/**
 * docs/errors.md is the one errors table, held against the code: every code in the table is made by
 * an error class of common/errors.ts, with the name, class and HTTP status the table gives; every
 * code the product code spells (common, main, worker, http) is in the table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ERROR_CODES } from '../../common/error-codes.js';
import * as errors from '../../common/errors.js';
import { packageDir } from '../support/paths.js';

interface Row {
  /** The `name` the error carries. */
  name: string;
  /** The class, when the table names one apart from the name. */
  className: string | undefined;
  code: string | undefined;
  status: number | undefined;
}

const CODE = /\bERR_[A-Z_]+\b/g;
/**
 * Codes that are labels, not errors: `ERR_SCRIPT` is what the log and the metrics call a script's
 * uncaught error that has no code; `ERR_HTTP_REQUEST_TIMEOUT` is Node's, logged for a request its
 * HTTP server refused, and `ERR_TLS_HANDSHAKE_TIMEOUT` Node's, logged for a TLS handshake past
 * `tlsHandshakeTimeout`. errors.md says so outside the table.
 */
const LABELS = ['ERR_SCRIPT', 'ERR_HTTP_REQUEST_TIMEOUT', 'ERR_TLS_HANDSHAKE_TIMEOUT'];
/**
 * Codes of Node's own errors that product code reads, never makes: `parseArgs`'s unknown flag
 * (cli/flag-error.ts); node:http's refusals of a script's URL or header, by prefix or whole
 * (http-client/http-client-service.ts); OpenSSL's failed handshakes, by prefix or whole
 * (server/tls-failure-reasons.ts).
 */
const NODE_CODES_READ = [
  'ERR_PARSE_ARGS_UNKNOWN_OPTION',
  'ERR_INVALID',
  'ERR_UNESCAPED_CHARACTERS',
  'ERR_SSL_',
  'ERR_SSL_HTTP_REQUEST',
];

/** The rows of the table whose header is `Error | Code | HTTP status | Description`. */
function tableRows(markdown: string): Row[] {
  const lines = markdown.split('\n').filter((line) => line.startsWith('|'));
  const header = lines[0]?.split('|').map((cell) => cell.trim());
  expect(header?.slice(1, 5)).to.deep.equal(['Error', 'Code', 'HTTP status', 'Description']);
  return lines.slice(2).map((line) => {
    const [, error = '', code = '', status = ''] = line.split('|').map((cell) => cell.trim());
    const names = [...error.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);
    return {
      name: names[0] ?? '',
      className: names[1],
      code: /`(ERR_[A-Z_]+)`/.exec(code)?.[1],
      status: /^\d{3}$/.test(status) ? Number(status) : undefined,
    };
  });
}

/** Every `.ts`, `.js` and `.mjs` file under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|m?js)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The coded error classes of common/errors.ts, each made with placeholder arguments. */
function codedErrors(): Map<string, errors.CodedError> {
  const byCode = new Map<string, errors.CodedError>();
  for (const [exported, value] of Object.entries(errors)) {
    if (typeof value !== 'function' || !(value.prototype instanceof errors.CodedError)) continue;
    const Class = value as new (...args: unknown[]) => errors.CodedError;
    const list = ['detail'];
    const error = new Class('method', 'detail', list, list, list);
    expect(error.constructor.name, exported).to.equal(exported);
    byCode.set(error.code, error);
  }
  return byCode;
}

describe('docs/errors.md, the errors table', () => {
  const rows = tableRows(readFileSync(path.join(packageDir, 'docs/errors.md'), 'utf8'));
  const classes = codedErrors();

  it('lists exactly the codes of ERROR_CODES (the codes the metrics label as they are)', () => {
    const codes = rows.flatMap((row) => (row.code === undefined ? [] : [row.code]));
    expect([...ERROR_CODES].sort()).to.deep.equal([...codes].sort());
  });

  it('the package exports the errors its API calls throw or reject with', async () => {
    const api = (await import('../../main/server/index.js')) as Record<string, unknown>;
    for (const name of [
      'InvalidOptionError', // createRuntime, new SessionManager, RedisStore, admin.list
      'ShuttingDownError', // listen() once close() was called
      'ShutdownTimeoutError', // close() past shutdownTimeout
      'NoWorkerError', // ready()
      'SessionLimitError', // sessions.create()
      'InvalidSessionIdError', // sessions.create(id), changeSessionId(id)
      'SessionInvalidatedError', // HttpSession methods
      'InvalidAttributeError', // HttpSession.setAttribute
      'StoreUnavailableError',
      'StoreUnsupportedError', // sessions.admin
      'SessionNotFoundError', // sessions.admin.invalidate
    ])
      expect(api[name], name).to.equal((errors as Record<string, unknown>)[name]);
  });

  it('has one row per code', () => {
    const codes = rows.flatMap((row) => (row.code === undefined ? [] : [row.code]));
    expect(codes).to.have.length.above(20);
    expect(new Set(codes).size).to.equal(codes.length);
  });

  for (const row of rows.filter((candidate) => candidate.code !== undefined)) {
    it(`${row.code}: a class of common/errors.ts with the name, class and status of the table`, () => {
      const error = classes.get(row.code as string);
      expect(error, `no error class makes ${row.code}`).to.not.equal(undefined);
      expect(error?.name).to.equal(row.name);
      expect(error?.constructor.name).to.equal(row.className ?? row.name);
      if (row.status !== undefined) expect(error?.status).to.equal(row.status);
    });
  }

  it('every class of common/errors.ts is in the table', () => {
    const tabled = new Set(rows.map((row) => row.code));
    expect([...classes.keys()].filter((code) => !tabled.has(code))).to.deep.equal([]);
  });

  it('every page, the README and the type definitions name the error of a code as the table does', () => {
    // "a `RangeError` coded `ERR_X`", "a `TypeError` `ERR_X`", "@throws TypeError (`ERR_X`, …)".
    const named =
      /\b(TypeError|RangeError|SyntaxError|AssertionError)`?(?: coded| with code|, code)? \(?`(ERR_[A-Z_]+)`/g;
    const nameOf = new Map(rows.map((row) => [row.code, row.name]));
    const files = [
      'README.md',
      ...readdirSync(path.join(packageDir, 'docs')).map((name) => `docs/${name}`),
      ...readdirSync(path.join(packageDir, 'types')).map((name) => `types/${name}`),
    ].filter((file) => /\.(md|d\.ts)$/.test(file) && file !== 'docs/errors.md');
    const wrong: string[] = [];
    let seen = 0;
    for (const file of files) {
      for (const [, name, code] of readFileSync(path.join(packageDir, file), 'utf8').matchAll(named)) {
        seen++;
        if (nameOf.get(code) !== name) wrong.push(`${file}: ${name} ${code} (the table: ${nameOf.get(code)})`);
      }
    }
    expect(seen).to.be.above(20);
    expect(wrong).to.deep.equal([]);
  });

  it('every label is explained in errors.md, outside the table', () => {
    const text = readFileSync(path.join(packageDir, 'docs/errors.md'), 'utf8');
    const prose = text.split('\n').filter((line) => !line.startsWith('|'));
    for (const label of LABELS) expect(prose.join('\n')).to.include(`label \`${label}\``);
  });

  it("every code spelled in product code (common, main, worker, http) is in the table, or is a label, or is Node's", () => {
    const tabled = new Set([...rows.map((row) => row.code), ...LABELS, ...NODE_CODES_READ]);
    const missing: string[] = [];
    for (const folder of ['common', 'main', 'worker', 'http']) {
      for (const file of sourceFiles(path.join(packageDir, folder))) {
        for (const [code] of readFileSync(file, 'utf8').matchAll(CODE)) {
          if (!tabled.has(code)) missing.push(`${code} (${path.relative(packageDir, file)})`);
        }
      }
    }
    expect(missing).to.deep.equal([]);
  });
});
