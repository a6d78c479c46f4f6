/**
 * The kept-alive connections of the HTTP client, reused per origin. One `http.Agent` and one
 * `https.Agent`: Node keys their pools by host, port and every TLS setting of the call (certificate
 * checks, client certificate, CA, server name …), so a call never gets a socket made for other
 * settings; the client sets none of them, so every call to an origin shares one set of settings.
 *
 * A socket is vetted when it connects (pinned-lookup.ts: the call's lookup hands it only an
 * allowed address) and keeps that address while pooled; a new socket is vetted again, so a
 * rebinding DNS server cannot move a pooled socket. A socket whose response was not read to its
 * end, or broke, is destroyed (Node's agent pools a socket only once its response ended).
 */
import http, { type ClientRequest } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

/** The bounds of the pool. */
export interface ConnectionPoolLimits {
  /** Most sockets to one origin, in use and idle; further calls to it wait for one (within their time limit). */
  maxSocketsPerOrigin: number;
  /** Most sockets in all; an idle socket of another origin is closed to make room. */
  maxSockets: number;
  /** An idle socket is closed after this many ms (sooner when the server's `Keep-Alive: timeout` says so). */
  idleMs: number;
}

/**
 * 32 sockets per origin: well above what calls need (each worker makes one call at a time), and
 * a bound on what a burst or a compromised worker opens to one host. 256 in all: a bound on file
 * descriptors that many allowed hosts still fit in. 4 s idle: below the 5 s after which Node's
 * and Apache httpd's servers close an idle connection, so the client closes first and does not
 * send on a socket the server is closing (undici's default is the same).
 */
export const CONNECTION_POOL_DEFAULTS: Readonly<ConnectionPoolLimits> = Object.freeze({
  maxSocketsPerOrigin: 32,
  maxSockets: 256,
  idleMs: 4000,
});

/** The parts of Node's agent the pool works with that its types do not declare. */
interface AgentInternals {
  options: object;
  totalSocketCount: number;
  freeSockets: NodeJS.ReadOnlyDict<Socket[]>;
  getName(options: object): string;
  addRequest(request: ClientRequest, options: object): void;
  createConnection(options: object, callback: (error: Error | null, socket?: Socket) => void): Socket | undefined;
}

export class ConnectionPool {
  readonly limits: Readonly<ConnectionPoolLimits>;
  readonly #http: http.Agent;
  readonly #https: https.Agent;
  /** Agents whose connections carry one call and close after it (a call sent again on a new connection). */
  readonly #freshHttp: http.Agent;
  readonly #freshHttps: https.Agent;
  /** Every socket the agents opened and that has not closed yet. */
  readonly #open = new Set<Socket>();
  #closed = false;

  constructor(limits: Readonly<ConnectionPoolLimits> = CONNECTION_POOL_DEFAULTS) {
    this.limits = limits;
    const options = {
      keepAlive: true,
      maxSockets: limits.maxSocketsPerOrigin,
      maxFreeSockets: limits.maxSocketsPerOrigin,
      maxTotalSockets: limits.maxSockets,
      timeout: limits.idleMs,
      scheduling: 'lifo' as const,
    };
    this.#http = this.#watched(new http.Agent(options));
    this.#https = this.#watched(new https.Agent(options));
    this.#freshHttp = this.#watched(new http.Agent({ keepAlive: false }));
    this.#freshHttps = this.#watched(new https.Agent({ keepAlive: false }));
  }

  /** The agent for `url`'s scheme. */
  agentFor(url: URL): http.Agent {
    return url.protocol === 'https:' ? this.#https : this.#http;
  }

  /**
   * The agent for `url`'s scheme whose connection is new and closes after the call: for a call sent
   * again after a kept-alive connection failed. Its sockets are tracked as the pooled ones, and
   * none is opened once the pool is closed.
   */
  freshAgentFor(url: URL): http.Agent {
    return url.protocol === 'https:' ? this.#freshHttps : this.#freshHttp;
  }

  /** Sockets open now, in use or idle. */
  get openSockets(): number {
    return this.#open.size;
  }

  /**
   * Closes every socket, in use or idle, and opens no more (a call still waiting for one fails);
   * resolves once they have all closed.
   */
  async close(): Promise<void> {
    this.#closed = true;
    const closing = [...this.#open].map((socket) => new Promise<void>((resolve) => socket.once('close', resolve)));
    for (const socket of this.#open) socket.destroy();
    await Promise.all(closing);
  }

  /** The agent, made to track its sockets, to open none once closed, and to make room across origins. */
  #watched<T extends http.Agent>(agent: T): T {
    const internals = agent as unknown as AgentInternals;
    const connect = internals.createConnection.bind(agent);
    internals.createConnection = (options, callback) => {
      if (this.#closed) {
        process.nextTick(callback, new Error('the HTTP client is closed (the runtime is shutting down)'));
        return undefined;
      }
      const socket = connect(options, callback);
      if (socket !== undefined) {
        this.#open.add(socket);
        socket.once('close', () => this.#open.delete(socket));
      }
      return socket;
    };
    const addRequest = internals.addRequest.bind(agent);
    internals.addRequest = (request, options) => {
      if (internals.totalSocketCount >= this.limits.maxSockets) closeIdleElsewhere(internals, options);
      addRequest(request, options);
    };
    return agent;
  }
}

/**
 * With every socket taken, closes an idle socket of another origin (the oldest of its origin's);
 * once it has closed, the agent opens a socket for the call waiting (without this it would wait
 * until an idle socket timed out). Nothing when the call's own origin has an idle socket to reuse.
 */
function closeIdleElsewhere(agent: AgentInternals, requestOptions: object): void {
  const name = agent.getName({ ...requestOptions, ...agent.options });
  if ((agent.freeSockets[name]?.length ?? 0) > 0) return;
  for (const [other, sockets] of Object.entries(agent.freeSockets)) {
    const oldest = sockets?.[0];
    if (other !== name && oldest !== undefined) {
      oldest.destroy();
      return;
    }
  }
}
