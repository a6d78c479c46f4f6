/**
 * The `dirigible-session serve` command as a user runs it: a real process, a real port, signals.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { expect } from 'chai';
import { parseCommandLine } from '../../../main/server/cli.js';
import { packageDir, scriptsDir } from '../../support/paths.js';

/** CLI processes a spec started; any still running after it (a failed spec) are stopped. */
const started: ChildProcess[] = [];

function startCli(args: string[]): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, [path.join(packageDir, 'bin/dirigible-session.js'), 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/[^\s/]+:\d+/.exec(output);
      if (match) resolve(match[0]);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

describe('serve CLI', () => {
  afterEach(async () => {
    for (const child of started.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      // SIGTERM, which bin/dirigible-session.js forwards to the server it re-ran with --no-node-snapshot
      // (SIGKILL would leave that one running).
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('listens on --port 0, prints its URL, serves scripts, and exits 0 on SIGTERM', async () => {
    const { child, url } = startCli([scriptsDir, '--port', '0', '--workers', '1']);
    const base = await url;
    const response = await fetch(`${base}/services/js/basic-usage.js`);
    expect(await response.text()).to.equal('[Attribute]: value1\n');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).to.equal(0);
  });

  it('exits 0 on SIGINT too', async () => {
    const { child, url } = startCli([scriptsDir, '--port', '0', '--workers', '1']);
    await url;
    const exited = once(child, 'exit');
    child.kill('SIGINT');
    expect((await exited)[0]).to.equal(0);
  });

  it('refuses a bad option with a message naming it and exit code 2', async () => {
    const { child, output } = startCli([scriptsDir, '--timeout', 'soon']);
    const [code] = await once(child, 'exit');
    expect(code).to.equal(2);
    expect(output()).to.include('--timeout');
  });

  it('--trust-proxy LIST: behind a listed proxy, scripts and the access line name the client X-Forwarded-For names', async () => {
    const { child, url, output } = startCli([
      scriptsDir,
      '--port',
      '0',
      '--workers',
      '1',
      '--trust-proxy',
      '127.0.0.1,10.0.0.0/8',
    ]);
    const base = await url;
    const response = await fetch(`${base}/services/js/request/forwarded.js`, {
      headers: { 'X-Forwarded-For': '198.51.100.9, 10.0.0.2', 'X-Forwarded-Proto': 'https' },
    });
    expect(await response.json()).to.deep.include({ remoteAddress: '198.51.100.9', scheme: 'https' });
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
    const access = output()
      .split('\n')
      .filter((line) => line.includes('"path":"/services/js/request/forwarded.js"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(access).to.have.length(1);
    expect(access[0]).to.include({ remoteAddress: '198.51.100.9', status: 200 });
  });

  it('refuses a bad --trust-proxy range, naming the flag, with exit code 2', async () => {
    const { child, output } = startCli([scriptsDir, '--trust-proxy=10.0.0.0/33']);
    const [code] = await once(child, 'exit');
    expect(code).to.equal(2);
    expect(output()).to.include('option "--trust-proxy" must list addresses').and.include('10.0.0.0/33');
  });

  describe('parseCommandLine', () => {
    it('maps flags to runtime options, PORT to the port', () => {
      const parsed = parseCommandLine(
        [
          'root',
          '--max-inactive-interval',
          '60',
          '--timeout',
          '100',
          '--memory-limit',
          '32',
          '--workers',
          '3',
          '--isolation',
          'request',
          '--host',
          '0.0.0.0',
        ],
        { PORT: '9000' },
      );
      expect(parsed).to.deep.include({
        options: {
          root: 'root',
          maxInactiveInterval: 60,
          timeout: 100,
          memoryLimit: 32,
          workers: 3,
          isolation: 'request',
        },
        port: 9000,
        host: '0.0.0.0',
      });
      expect(parseCommandLine(['root'], {}).port).to.equal(8080);
    });

    it('maps the sandbox limit flags', () => {
      const argv = [
        'root',
        '--deadline',
        '9000',
        '--max-response-size',
        '1000',
        '--max-attribute-size',
        '200',
        '--max-attributes',
        '5',
        '--max-session-size',
        '400',
        '--contexts-per-isolate',
        '50',
      ];
      expect(parseCommandLine(argv, {}).options).to.deep.equal({
        root: 'root',
        deadline: 9000,
        maxResponseSize: 1000,
        maxAttributeSize: 200,
        maxAttributes: 5,
        maxSessionSize: 400,
        contextsPerIsolate: 50,
      });
      expect(() => parseCommandLine(['root', '--max-session-size', '1MB'], {})).to.throw(
        /option "--max-session-size" must be a whole number \(got 1MB\)/,
      );
    });

    it('maps the upload and HTTP client flags; --allowed-hosts takes lists and repeats', () => {
      const argv = [
        'root',
        '--upload-max-file-size',
        '100',
        '--upload-max-files',
        '2',
        '--upload-max-size',
        '300',
        '--allowed-hosts',
        'api.example.com, *.example.org',
        '--allowed-hosts',
        '127.0.0.1:8080',
        '--http-client-timeout',
        '2000',
        '--http-client-max-response-size',
        '5000',
      ];
      expect(parseCommandLine(argv, {}).options).to.deep.equal({
        root: 'root',
        uploadMaxFileSize: 100,
        uploadMaxFiles: 2,
        uploadMaxSize: 300,
        allowedHosts: ['api.example.com', '*.example.org', '127.0.0.1:8080'],
        httpClientTimeout: 2000,
        httpClientMaxResponseSize: 5000,
      });
      expect(() => parseCommandLine(['root', '--upload-max-files', 'ten'], {})).to.throw(/--upload-max-files/);
    });
  });
});
