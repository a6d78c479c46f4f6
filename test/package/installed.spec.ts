/**
 * The package as a user gets it: packed, installed into a project outside the repository
 * (support/installed-package.ts), and used the ways the README and docs/embedding.md say: imported by
 * an ES module and required by a CommonJS one, neither started with a Node flag; type-checked by a
 * strict TypeScript embedder; its script types found through the `include` the README names; its
 * command run from node_modules/.bin. And when isolated-vm was installed without its native build,
 * the log says so instead of leaving the operator with a bare 503.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import ts from 'typescript';
import { installPackage } from '../support/installed-package.js';
import { packInto } from '../support/packed-files.js';
import { packageDir } from '../support/paths.js';

const run = promisify(execFile);

/** Runs `node file` in `project` (no Node flag) and gives what it printed on its RESULT line, and all of stdout. */
async function runApp(project: string, file: string): Promise<{ result: unknown; stdout: string }> {
  const { stdout } = await run(process.execPath, [file], { cwd: project, timeout: 30_000 });
  const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
  return { result: line === undefined ? undefined : JSON.parse(line.slice('RESULT '.length)), stdout };
}

/** `file:line TScode message` of every diagnostic of the project a tsconfig/jsconfig file describes. */
function typeCheck(configFile: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '));
      },
    },
  );
  if (config === undefined) throw new Error(`${configFile} could not be read`);
  const program = ts.createProgram(config.fileNames, config.options);
  return [...config.errors, ...ts.getPreEmitDiagnostics(program)].map((diagnostic) => {
    const file = diagnostic.file;
    const line = file === undefined ? 0 : file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1;
    const name = file === undefined ? '?' : path.relative(path.dirname(configFile), file.fileName);
    return `${name}:${line} TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}

describe('the package installed from its tarball', function () {
  this.timeout(60_000);
  let scratch: string;
  let project: string;
  let broken: string;
  before(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'installed-'));
    const tarball = await packInto(scratch);
    project = installPackage(tarball, path.join(scratch, 'app'), 'consumer', 'built');
    broken = installPackage(tarball, path.join(scratch, 'no-native-build'), 'consumer', 'without its native build');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('serves a script for an ES module embedder started without any Node flag', async () => {
    expect((await runApp(project, 'app.mjs')).result).to.deep.equal({ status: 200, body: 'visit 1\n' });
  });

  it('serves a script for a CommonJS embedder that require()s it', async () => {
    expect((await runApp(project, 'app.cjs')).result).to.deep.equal({ status: 200, body: 'visit 1\n' });
  });

  it('type-checks a strict TypeScript embedder: the documented options pass, each wrong one is an error', () => {
    expect(typeCheck(path.join(project, 'tsconfig.json'))).to.deep.equal([]);
  });

  it("gives script authors the script modules' types through node_modules/dirigible-session/types", () => {
    expect(typeCheck(path.join(project, 'jsconfig.json'))).to.deep.equal([]);
  });

  it('installs the command: --version, and serve <folder> until SIGTERM', async () => {
    const command = path.join(project, 'node_modules', '.bin', 'dirigible-session');
    // As a shell runs it: its shebang finds node on the PATH.
    const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH']}` };
    const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
    expect((await run(command, ['--version'], { cwd: project, env })).stdout).to.equal(`${version}\n`);

    const serve = spawn(command, ['serve', 'scripts', '--port', '0', '--workers', '1'], {
      cwd: project,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(serve, 'exit') as Promise<[number | null]>;
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        serve.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const found = /http:\/\/[\d.]+:\d+/.exec(stdout);
          if (found !== null) resolve(found[0]);
        });
        void exited.then(([code]) => reject(new Error(`serve exited with ${code} before listening:\n${stdout}`)));
      });
      const response = await fetch(`${url}/services/ts/cart.ts`);
      expect(response.status).to.equal(200);
      expect(await response.text()).to.match(/^1 items in \S+\n$/);
    } finally {
      serve.kill('SIGTERM');
    }
    expect((await exited)[0]).to.equal(0);
  });

  it('logs the error that stops every worker when isolated-vm was installed without its native build', async () => {
    const { result, stdout } = await runApp(broken, 'app.mjs');
    expect(result).to.deep.include({ status: 503 });
    expect(stdout).to.include(
      "sandbox workers keep failing (3 in a row, last: exit code 1: Error: Cannot find module './out/isolated_vm')",
    );
  });
});
