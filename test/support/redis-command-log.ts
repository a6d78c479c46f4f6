/**
 * Records every command a redis-server receives (through `MONITOR`), so a spec can see in which
 * order two machines really read and wrote a session, instead of trusting timing.
 */
import { createClient, type RedisClientType } from 'redis';

export interface LoggedCommand {
  /** Who sent it: `IP:PORT` of a connection, or `lua` for a call inside a script. */
  client: string;
  /** Upper-case command name, e.g. `HGETALL`. */
  name: string;
  args: string[];
}

type Waiter = { match: (command: LoggedCommand) => boolean; resolve: (command: LoggedCommand) => void };

export class RedisCommandLog {
  readonly commands: LoggedCommand[] = [];
  readonly #client: RedisClientType;
  readonly #waiters = new Set<Waiter>();

  private constructor(client: RedisClientType) {
    this.#client = client;
  }

  static async start(url: string): Promise<RedisCommandLog> {
    const client: RedisClientType = createClient({ url, socket: { reconnectStrategy: false } });
    client.on('error', () => undefined);
    await client.connect();
    const log = new RedisCommandLog(client);
    await client.monitor((line) => log.#record(String(line)));
    return log;
  }

  /** The first command from position `from` on, logged already or still to come, that `match` accepts. */
  waitFor(match: (command: LoggedCommand) => boolean, from = 0): Promise<LoggedCommand> {
    const seen = this.commands.slice(from).find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.add({ match, resolve }));
  }

  /** Position of the first command from position `from` on that `match` accepts, or -1. */
  indexOf(match: (command: LoggedCommand) => boolean, from = 0): number {
    const index = this.commands.slice(from).findIndex(match);
    return index < 0 ? -1 : from + index;
  }

  /** Closes the monitoring connection (a no-op when the server is already gone). */
  stop(): void {
    if (this.#client.isOpen) this.#client.destroy();
  }

  #record(line: string): void {
    const parsed = /^[\d.]+ \[\d+ ([^\]]+)\] (.*)$/.exec(line);
    if (parsed === null) return;
    const args = [...(parsed[2] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) =>
      (match[1] ?? '').replace(/\\(.)/g, '$1'),
    );
    const command: LoggedCommand = { client: parsed[1] ?? '', name: (args.shift() ?? '').toUpperCase(), args };
    this.commands.push(command);
    for (const waiter of this.#waiters) {
      if (!waiter.match(command)) continue;
      this.#waiters.delete(waiter);
      waiter.resolve(command);
    }
  }
}
