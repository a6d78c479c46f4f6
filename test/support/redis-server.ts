/**
 * A real `redis-server` for a spec: started on a free loopback port with its own temporary
 * directory and no persistence, stopped (and its directory removed) after the suite. It can be
 * stopped and started again on the same port to test faults. With `tls`, that port is its TLS
 * port (`tls-port`, no plain port), with a certificate of a private CA. No mocked Redis anywhere.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { createClient, type RedisClientType } from 'redis';
import type { TestCa } from './test-ca.js';

const READY_LINE = /Ready to accept connections/;
const ADDRESS_IN_USE = 'Address already in use';

/** A TLS server: the CA that signed its certificate, and whether it asks clients for theirs. */
export interface RedisTls {
  ca: TestCa;
  /** `tls-auth-clients yes` (Redis's default) when true; `no` otherwise. */
  authClients: boolean;
}

export class RedisServer {
  readonly port: number;
  readonly dir: string;
  readonly #extraArgs: string[];
  readonly tls: RedisTls | undefined;
  #process: ChildProcess | undefined;

  private constructor(port: number, dir: string, extraArgs: string[], tls: RedisTls | undefined) {
    this.port = port;
    this.dir = dir;
    this.#extraArgs = extraArgs;
    this.tls = tls;
  }

  /**
   * Starts a server on a free loopback port; fails with a clear message when redis-server is missing.
   * @param extraArgs more server options, e.g. `['--cluster-enabled', 'yes']`
   * @param port a port known to be free; default: one the OS picks
   * @param tls serve TLS on the port (and nothing else) with a certificate of `tls.ca`
   */
  static async start(extraArgs: string[] = [], port?: number, tls?: RedisTls): Promise<RedisServer> {
    assertRedisServerInstalled();
    // A port the OS reported free may be taken by another process before redis-server binds it
    // (other suites run on the same machine): then try another one.
    for (let attempt = 1; ; attempt++) {
      const server = new RedisServer(
        port ?? (await freePort()),
        mkdtempSync(path.join(tmpdir(), 'dirigible-redis-')),
        extraArgs,
        tls,
      );
      try {
        await server.restart();
        return server;
      } catch (error) {
        rmSync(server.dir, { recursive: true, force: true });
        const taken = error instanceof Error && error.message.includes(ADDRESS_IN_USE);
        if (port !== undefined || !taken || attempt === 5) throw error;
      }
    }
  }

  /** `redis://127.0.0.1:PORT` (`rediss://` for a TLS server) */
  get url(): string {
    return `${this.tls === undefined ? 'redis' : 'rediss'}://127.0.0.1:${this.port}`;
  }

  /**
   * The TLS options of a client that trusts this server's CA and shows the client certificate
   * (`undefined` for a plain server).
   */
  clientTls(): tls.ConnectionOptions | undefined {
    const ca = this.tls?.ca;
    if (ca === undefined) return undefined;
    return {
      ca: readFileSync(ca.caFile),
      cert: readFileSync(ca.clientCertFile),
      key: readFileSync(ca.clientKeyFile),
    };
  }

  /**
   * A connected client of this server (for inspecting what a spec stored); the caller closes it.
   * @param password the server's `requirepass`, if it has one
   */
  async connectClient(password?: string): Promise<RedisClientType> {
    const secure = this.clientTls();
    const client: RedisClientType = createClient({
      url: this.url,
      ...(password === undefined ? {} : { password }),
      ...(secure === undefined ? {} : { socket: { tls: true, ...secure } }),
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** True while the server process runs. */
  get running(): boolean {
    return this.#process !== undefined;
  }

  /** Starts the server (again) on the same port; resolves once it accepts connections and answers PING (or NOAUTH). */
  async restart(): Promise<void> {
    if (this.#process !== undefined) throw new Error('RedisServer.restart: already running');
    const child = spawn(
      'redis-server',
      [
        ...this.#portArgs(),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
        ...this.#extraArgs,
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.#process = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (READY_LINE.test(output)) {
          child.stdout?.off('data', onData);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code) => {
        this.#process = undefined;
        reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output}`));
      });
    });
    child.removeAllListeners('exit');
    child.once('exit', () => {
      if (this.#process === child) this.#process = undefined;
    });
    child.stdout?.resume();
    child.stderr?.resume();
    // A server started with --requirepass answers NOAUTH: it is up all the same.
    const reply = await ping(this.port, this.clientTls());
    if (reply !== '+PONG' && !reply.startsWith('-NOAUTH')) {
      await this.stop();
      throw new Error(`redis-server on port ${this.port} did not answer PING (${reply})`);
    }
  }

  /** `--port`, or for TLS `--tls-port` and the certificate options (and no plain port). */
  #portArgs(): string[] {
    const secure = this.tls;
    if (secure === undefined) return ['--port', String(this.port)];
    return [
      '--port',
      '0',
      '--tls-port',
      String(this.port),
      '--tls-cert-file',
      secure.ca.serverCertFile,
      '--tls-key-file',
      secure.ca.serverKeyFile,
      '--tls-ca-cert-file',
      secure.ca.caFile,
      '--tls-auth-clients',
      secure.authClients ? 'yes' : 'no',
    ];
  }

  /** Pauses the server (SIGSTOP): its connections stay open and nothing answers, as in a network partition. */
  pause(): void {
    this.#process?.kill('SIGSTOP');
  }

  /** Resumes a paused server (SIGCONT). */
  resume(): void {
    this.#process?.kill('SIGCONT');
  }

  /** Kills the server (SIGKILL), as a crash or a lost machine would, and waits for it to exit. */
  async crash(): Promise<void> {
    const child = this.#process;
    if (child === undefined) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    this.#process = undefined;
  }

  /** Removes the server's data (its AOF and dump), while it is stopped: it restarts empty. */
  wipe(): void {
    if (this.#process !== undefined) throw new Error('RedisServer.wipe: still running');
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir);
  }

  /** Stops the server (SIGTERM) and waits for it to exit; the directory stays for a restart. */
  async stop(): Promise<void> {
    const child = this.#process;
    if (child === undefined) return;
    const exited = once(child, 'exit');
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    await exited;
    this.#process = undefined;
  }

  /** Stops the server and removes its directory. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function assertRedisServerInstalled(): void {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      'redis-server is not on PATH: the Redis specs need a real server (Debian/Ubuntu: apt-get install redis-server; .ci/run installs it)',
    );
  }
}

/** A port the OS reports free on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Sends an inline PING (over TLS with `secure`) and returns the first reply line. */
function ping(port: number, secure: tls.ConnectionOptions | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const send = () => socket.write('PING\r\n');
    const socket =
      secure === undefined
        ? net.connect(port, '127.0.0.1', send)
        : tls.connect({ port, host: '127.0.0.1', ...secure }, send);
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.end();
        resolve(reply.split('\r\n')[0] ?? '');
      }
    });
    socket.on('error', reject);
  });
}
