/**
 * A TypeScript file that crashes the compiler: esbuild's service (a thread and a process of the
 * worker) dies on an expression nested a million deep. The run gets a coded `ERR_SCRIPT_SYNTAX`
 * naming the file, and the service is started again for the next file: before, the dead service
 * answered "The service is no longer running" to every later TypeScript script of that worker, so
 * one such file took every `.ts` script of the server down. A refused file is not compiled again
 * until it changes: a crash costs the compiler seconds of CPU outside the script's limits.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { type Harness, startRuntime } from '../../support/runtime-harness.js';

const DEPTH = 1_000_000;

describe('limits: a TypeScript file that crashes the compiler', function () {
  this.timeout(60_000);
  let root: string;
  let harness: Harness | undefined;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ts-crash-'));
    writeFileSync(
      path.join(root, 'deep.ts'),
      `const x: number = ${'('.repeat(DEPTH)}1${')'.repeat(DEPTH)};\nrequire('http/v4/response').print(String(x));\n`,
    );
    writeFileSync(path.join(root, 'ok.ts'), "const n: number = 42;\nrequire('http/v4/response').print('ts ' + n);\n");
    harness = await startRuntime({ root, workers: 1 });
  });
  after(async () => {
    await harness?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 500 ERR_SCRIPT_SYNTAX naming the file, and the next TypeScript scripts still run', async () => {
    const client = (harness as Harness).client();
    for (let round = 0; round < 2; round++) {
      const crash = await client.get('/services/js/deep.ts');
      expect(crash.status, crash.text).to.equal(500);
      expect(crash.json()).to.include({ code: 'ERR_SCRIPT_SYNTAX', error: 'SyntaxError' });
      expect(crash.json<{ message: string }>().message).to.match(/^deep\.ts:1:1: /);
      const next = await client.get('/services/js/ok.ts');
      expect(next.status, next.text).to.equal(200);
      expect(next.text).to.equal('ts 42');
    }
  });

  it('refuses a file it refused again without compiling it, until the file changes', async () => {
    const client = (harness as Harness).client();
    const file = path.join(root, 'typo.ts');
    const refusedAt = new Date('2026-01-01T00:00:00Z');
    writeFileSync(file, 'const n: number = ;\n');
    utimesSync(file, refusedAt, refusedAt);
    const refused = await client.get('/services/js/typo.ts');
    expect(refused.json()).to.include({ code: 'ERR_SCRIPT_SYNTAX' });
    // Valid now, but with the time it was refused at: still refused, so it was not compiled again.
    writeFileSync(file, "require('http/v4/response').print('fixed');\n");
    utimesSync(file, refusedAt, refusedAt);
    const again = await client.get('/services/js/typo.ts');
    expect(again.json<{ message: string }>().message).to.equal(refused.json<{ message: string }>().message);
    const changedAt = new Date('2026-01-01T00:00:01Z');
    utimesSync(file, changedAt, changedAt);
    const fixed = await client.get('/services/js/typo.ts');
    expect([fixed.status, fixed.text]).to.deep.equal([200, 'fixed']);
  });
});
