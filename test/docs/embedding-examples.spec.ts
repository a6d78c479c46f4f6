/**
 * The three complete examples of docs/embedding.md, run as a user would (they import the built
 * package by its name): plain `http`; Express with its own sessions; Express whose scripts share
 * its express-session. The page shows each file as it is.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { CookieJarClient } from '../support/cookie-jar-client.js';
import { packageDir } from '../support/paths.js';

interface Example {
  start(port?: number): Promise<{ url: string; close(): Promise<void> }>;
}

async function load(name: string): Promise<Example> {
  return (await import(new URL(`docs/embedding/${name}`, `file://${packageDir}`).href)) as Example;
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * Runs `node <file>` as the page says, with PORT=0, and resolves with the URL of the line it prints,
 * the body of `script` fetched from there, and its exit code after SIGINT.
 */
async function runFromCommandLine(file: string, script: string): Promise<{ body: string; code: number | null }> {
  const child = spawn(process.execPath, ['--no-node-snapshot', file], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit') as Promise<[number | null]>;
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /^try (http:\/\/127\.0\.0\.1:\d+)/m.exec(output);
      if (found?.[1] !== undefined) resolve(found[1]);
    });
    void exited.then(([code]) => reject(new Error(`${file} exited (${code}) without serving:\n${output}`)));
  });
  const body = await (await fetch(`${url}/services/js/${script}`)).text();
  child.kill('SIGINT');
  return { body, code: (await exited)[0] };
}

describe('docs/embedding.md examples', () => {
  it('shows each example file in full', () => {
    const page = readFileSync(`${packageDir}docs/embedding.md`, 'utf8');
    for (const name of ['plain-http.mjs', 'express-own-sessions.mjs', 'express-app-sessions.mjs'])
      expect(page, name).to.include(readFileSync(`${packageDir}docs/embedding/${name}`, 'utf8').trim());
  });

  it('each example runs as `node <file>`, also through a symlinked node_modules (npm link, pnpm), and stops on SIGINT', async function () {
    this.timeout(120000);
    const project = mkdtempSync(path.join(tmpdir(), 'embedding-examples-'));
    try {
      symlinkSync(packageDir, path.join(project, 'dirigible-session'));
      for (const name of ['plain-http.mjs', 'express-own-sessions.mjs', 'express-app-sessions.mjs']) {
        for (const file of [
          `${packageDir}docs/embedding/${name}`,
          `${project}/dirigible-session/docs/embedding/${name}`,
        ]) {
          const run = await runFromCommandLine(file, 'basic-usage.js');
          expect(run, file).to.deep.equal({ body: '[Attribute]: value1\n', code: 0 });
        }
      }
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('1. plain http: the Basic Usage script with the runtime session cookie', async () => {
    const app = await (await load('plain-http.mjs')).start(0);
    try {
      const client = new CookieJarClient(app.url);
      expect((await client.get('/services/js/basic-usage.js')).text).to.equal('[Attribute]: value1\n');
      expect(client.cookies.has('JSESSIONID')).to.equal(true);
    } finally {
      await app.close();
    }
  });

  it('2. Express with its own sessions: scripts see the app user and keep JSESSIONID apart', async () => {
    const app = await (await load('express-own-sessions.mjs')).start(0);
    try {
      const client = new CookieJarClient(app.url);
      expect((await client.get('/services/js/remote-user.js')).text).to.equal('Anonymous\n');
      const login = await client.request('/app/login', { method: 'POST', headers: form, body: 'user=ann' });
      expect(login.status).to.equal(303);
      expect((await client.get('/services/js/remote-user.js')).text).to.equal('User ann (admin), auth type FORM\n');
      await client.get('/services/js/visit-counter.js');
      expect([...client.cookies.keys()].sort()).to.deep.equal(['JSESSIONID', 'app.sid']);
    } finally {
      await app.close();
    }
  });

  it('3. Express with shared sessions: a route logs in, a script sees it; a script counts, a route reads it', async () => {
    const app = await (await load('express-app-sessions.mjs')).start(0);
    try {
      const client = new CookieJarClient(app.url);
      const login = await client.request('/app/login', { method: 'POST', headers: form, body: 'user=ann' });
      expect(login.headers.get('location')).to.equal('/services/js/whoami.js');
      expect((await client.get('/services/js/whoami.js')).text).to.match(/^Logged in as ann since \d{4}-/);
      expect((await client.get('/services/js/visit-counter.js')).text).to.equal('Visits in this session: 1\n');
      expect((await client.get('/services/js/visit-counter.js')).text).to.equal('Visits in this session: 2\n');
      expect((await client.get('/app/visits')).json()).to.deep.equal({ visits: 2 });
      expect([...client.cookies.keys()]).to.deep.equal(['connect.sid']);
    } finally {
      await app.close();
    }
  });
});
