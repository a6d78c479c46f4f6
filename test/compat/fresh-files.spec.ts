/**
 * Edited files are served fresh on the next request, as Dirigible serves the saved file: a helper
 * loaded with require(), one imported by an ES module, a TypeScript helper, and the main script,
 * in both isolation modes. (Each edit also moves the file's modification time forward, so the
 * spec does not depend on the file system's time resolution.)
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { IsolationMode } from '../../common/protocol.js';
import { startRuntime, type Harness } from '../support/runtime-harness.js';

const files: Record<string, string> = {
  'cjs/main.js': "require('http/v4/response').print(require('./helper.js').version);",
  'cjs/helper.js': "exports.version = 'one';",
  'esm/main.js':
    "import { version } from './helper.js';\nimport { Response } from 'sdk/http/response';\nResponse.print(version);",
  'esm/helper.js': "export const version = 'one';",
  'esm/uses-cjs.mjs':
    "import helper from 'cjs/helper.js';\nimport { Response } from 'sdk/http/response';\nResponse.print(helper.version);",
  'ts/main.ts':
    "import { version } from 'ts/helper';\nimport { Response } from 'sdk/http/response';\nResponse.print(version);",
  'ts/helper.ts': "export const version: string = 'one';",
  'plain.js': "require('http/v4/response').print('one');",
  'gone.js': "require('http/v4/response').print('here');",
};

let edits = 0;
/** Writes `file` under `root` and moves its modification time forward by a minute per edit. */
function write(root: string, file: string, source: string): void {
  const target = path.join(root, file);
  writeFileSync(target, source);
  const time = new Date(Date.now() + ++edits * 60_000);
  utimesSync(target, time, time);
}

for (const isolation of ['script', 'request'] as IsolationMode[]) {
  describe(`edited files are picked up on the next request (isolation ${isolation})`, () => {
    let root: string;
    let harness: Harness;
    before(async () => {
      root = mkdtempSync(path.join(tmpdir(), 'fresh-files-'));
      for (const [file, source] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        write(root, file, source);
      }
      harness = await startRuntime({ root, isolation });
    });
    after(async () => {
      await harness.close();
      rmSync(root, { recursive: true, force: true });
    });

    const text = async (script: string) => (await harness.client().get(`/services/js/${script}`)).text;

    it('a helper loaded with require()', async () => {
      expect(await text('cjs/main.js')).to.equal('one');
      expect(await text('cjs/main.js')).to.equal('one');
      write(root, 'cjs/helper.js', "exports.version = 'two';");
      expect(await text('cjs/main.js')).to.equal('two');
      write(root, 'cjs/helper.js', "exports.version = 'one';");
    });

    it('a helper imported by an ES module, and a CommonJS file an ES module imports', async () => {
      expect(await text('esm/main.js')).to.equal('one');
      write(root, 'esm/helper.js', "export const version = 'two';");
      expect(await text('esm/main.js')).to.equal('two');
      expect(await text('esm/uses-cjs.mjs')).to.equal('one');
      write(root, 'cjs/helper.js', "exports.version = 'three';");
      expect(await text('esm/uses-cjs.mjs')).to.equal('three');
    });

    it('a TypeScript helper', async () => {
      expect(await text('ts/main.ts')).to.equal('one');
      write(root, 'ts/helper.ts', "export const version: string = 'two';");
      expect(await text('ts/main.ts')).to.equal('two');
    });

    it('the main script', async () => {
      expect(await text('plain.js')).to.equal('one');
      write(root, 'plain.js', "require('http/v4/response').print('two');");
      expect(await text('plain.js')).to.equal('two');
    });

    it('a main script removed just after a request answers 404, as a missing one does (a deploy moving files)', async () => {
      expect(await text('gone.js')).to.equal('here');
      rmSync(path.join(root, 'gone.js'));
      // The main process found it a moment ago (it remembers found scripts for up to a second): the worker finds it gone.
      const response = await harness.client().get('/services/js/gone.js');
      expect(response.status).to.equal(404);
      expect(response.json()).to.include({ code: 'ERR_SCRIPT_NOT_FOUND' });
    });
  });
}
