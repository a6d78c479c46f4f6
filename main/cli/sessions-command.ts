/**
 * `dirigible-session sessions count|list|find|kill`: a running deployment's sessions, seen and ended
 * from the command line through its Redis store (a single server, a cluster, or the master that
 * Redis Sentinel names). Sessions in
 * memory live inside the server process: reach them through `runtime.sessions.admin` instead.
 */
import { createCluster } from 'redis';
import { InvalidOptionError, StoreUnavailableError } from '../../common/errors.js';
import { parseListCursor } from '../session/redis/redis-list-cursor.js';
import { clusterClientOptions } from '../session/redis/redis-cluster-options.js';
import { sentinelClientOptions, sentinelUrls } from '../session/redis/redis-sentinel-options.js';
import { RedisStore } from '../session/redis/redis-store.js';
import { checkRedisUrl, redacted } from '../session/redis/redis-url.js';
import { SessionManager } from '../session/manager.js';
import { createServletContext } from '../session/servlet-context.js';
import type { SessionSummary } from '../session/session-admin.js';
import type { Command } from './command.js';
import { nameAsGiven, type OptionSources } from './option-sources.js';
import { type CliOption, SERVE_OPTIONS } from './option-table.js';
import { parseCommand } from './parse-options.js';

const shared = (name: string) => SERVE_OPTIONS.find((option) => option.name === name) as CliOption;

/** Refuses a `--cursor` that `sessions list` cannot have printed (the Redis store's listing reads it). */
function checkCursor(source: string, cursor: string): void {
  try {
    // An empty cursor is the store's first page, but list never prints one: leave --cursor out.
    if (cursor === '') throw new InvalidOptionError(source, 'is empty');
    parseListCursor(cursor);
  } catch {
    throw new InvalidOptionError(
      source,
      `must be a cursor that sessions list printed on its "next page: --cursor …" line (got ${cursor})`,
    );
  }
}

export const SESSIONS_OPTIONS: readonly CliOption[] = [
  {
    ...shared('redisUrl'),
    default: 'none (this, --redis-cluster or --redis-sentinel is required)',
    help: 'the Redis store at this redis:// or rediss:// URL',
  },
  {
    name: 'redisCluster',
    kind: 'string',
    default: 'none (this, --redis-url or --redis-sentinel is required)',
    help: 'comma-separated redis:// or rediss:// URLs of cluster nodes, each with the same user and password',
    check: (source, value) => {
      for (const url of clusterUrls(value)) checkRedisUrl(source, url);
      clusterClientOptions(source, clusterUrls(value));
    },
  },
  {
    ...shared('redisSentinel'),
    default: 'none (this, --redis-url or --redis-cluster is required)',
    help: 'the Redis store in the master these sentinels name (host:port,host:port)',
  },
  shared('redisSentinelName'),
  { name: 'redisPrefix', kind: 'string', default: 'dirigible-session:', help: 'key prefix of the store' },
  shared('applicationName'),
  {
    name: 'principal',
    kind: 'string',
    default: 'none',
    help: 'find, kill: the principal whose sessions to find or end (find also takes it as its argument)',
  },
  { name: 'limit', kind: 'integer', default: '100', help: 'list: sessions per page, at least 1', min: 1 },
  {
    name: 'cursor',
    kind: 'string',
    default: 'first page',
    help: 'list: the page the previous list ended with, the cursor as its "next page: --cursor …" line printed it',
    check: checkCursor,
  },
  { name: 'json', kind: 'boolean', default: 'false', help: 'print JSON instead of text' },
];

const ACTIONS = ['count', 'list', 'find', 'kill'];

/** The node URLs of a `--redis-cluster` value, each trimmed. */
function clusterUrls(value: string): string[] {
  return value.split(',').map((url) => url.trim());
}

/**
 * Refuses a command line that names no store, or two (`--redis-cluster` beside a
 * `DIRIGIBLE_SESSION_REDIS_URL` left in the environment, say), naming them as they were given, and
 * sentinels without the master set's name (or a name without sentinels).
 */
function checkOneStore(sources: OptionSources, options: Record<string, unknown>): void {
  const given = ['redisUrl', 'redisCluster', 'redisSentinel'].flatMap((name) => sources.get(name) ?? []);
  const [first, second] = given;
  if (first === undefined)
    throw new InvalidOptionError(
      '--redis-url',
      'or --redis-cluster or --redis-sentinel (one of them) names the store to work on',
    );
  if (second !== undefined)
    throw new InvalidOptionError(
      second,
      `cannot be given with ${first}: name one store, a server, a cluster or a master set`,
    );
  const sentinel = sources.get('redisSentinel');
  const name = sources.get('redisSentinelName');
  if (sentinel === undefined && name !== undefined)
    throw new InvalidOptionError(name, 'needs --redis-sentinel (the sentinels to ask)');
  if (sentinel !== undefined)
    sentinelClientOptions(
      sentinel,
      sentinelUrls(sentinel, options['redisSentinel']),
      name ?? '--redis-sentinel-name',
      options['redisSentinelName'],
    );
}

/** The store, and the cluster client to connect and close when it is a cluster. */
function openStore(options: Record<string, unknown>): {
  store: RedisStore;
  cluster?: ReturnType<typeof createCluster>;
} {
  const { redisUrl, redisCluster, redisSentinel, redisSentinelName, redisPrefix = 'dirigible-session:' } = options;
  if (typeof redisUrl === 'string') return { store: new RedisStore({ url: redisUrl, prefix: String(redisPrefix) }) };
  if (typeof redisSentinel === 'string') {
    const sentinel = { sentinels: redisSentinel, name: String(redisSentinelName) };
    return { store: new RedisStore({ sentinel, prefix: String(redisPrefix) }) };
  }
  const cluster = createCluster(clusterClientOptions('--redis-cluster', clusterUrls(String(redisCluster))));
  cluster.on('error', () => undefined);
  return { store: new RedisStore({ client: cluster, prefix: String(redisPrefix) }), cluster };
}

/** The probe's failure, saying why the store's own client cannot connect when it knows (a wrong password …). */
function unreachable(store: RedisStore, options: Record<string, unknown>, error: unknown): unknown {
  const why = store.connectionError;
  const { redisUrl: url, redisSentinel: sentinels, redisSentinelName: name } = options;
  if (why === undefined) return error;
  if (typeof url === 'string') return new StoreUnavailableError(`cannot connect to ${redacted(new URL(url))}: ${why}`);
  if (typeof sentinels !== 'string') return error;
  const shown = sentinelUrls('--redis-sentinel', sentinels).map((entry) => new URL(entry).host);
  return new StoreUnavailableError(
    `cannot find the master set ${String(name)} through the sentinels at ${shown.join(', ')}: ${why}`,
  );
}

/** A cluster that cannot be reached, said as a single server's is (its nodes' passwords shown as `***`). */
function clusterUnreachable(urls: string, error: unknown): StoreUnavailableError {
  const nodes = clusterUrls(urls).map((url) => redacted(new URL(url)));
  const why = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`cannot connect to the cluster at ${nodes.join(', ')}: ${why}`);
}

function line(session: SessionSummary): string {
  const time = (ms: number) => new Date(ms).toISOString();
  return [
    session.idHash,
    time(session.creationTime),
    time(session.lastAccessedTime),
    `${session.size}B`,
    session.principal ?? '-',
    session.attributeNames.join(','),
  ].join('  ');
}

async function act(
  manager: SessionManager,
  action: string,
  args: string[],
  options: Record<string, unknown>,
): Promise<unknown> {
  const admin = manager.admin;
  switch (action) {
    case 'count':
      return { count: await admin.count() };
    case 'list':
      return admin.list({
        ...(options['cursor'] === undefined ? {} : { cursor: String(options['cursor']) }),
        ...(options['limit'] === undefined ? {} : { limit: Number(options['limit']) }),
      });
    case 'find':
      return { sessions: await admin.find(principalOf(args, options)) };
    default: {
      const principal = options['principal'];
      if (typeof principal === 'string' && args.length === 0)
        return { principal, ended: await admin.invalidatePrincipal(principal) };
      await admin.invalidate(args[0] as string);
      return { ended: 1 };
    }
  }
}

/** `find`'s principal: its argument, or `--principal`. */
function principalOf(args: readonly string[], options: Record<string, unknown>): string {
  const principal = options['principal'];
  return typeof principal === 'string' ? principal : (args[0] as string);
}

/**
 * Refuses what `action` cannot take, before the store opens: `count` and `list` take no argument;
 * `find` and `kill` one, or `--principal` instead (named as it was given: flag, variable or config key).
 */
function checkArguments(action: string, args: readonly string[], sources: OptionSources): void {
  if (action === 'count' || action === 'list') {
    if (args.length > 0) throw new InvalidOptionError(action, `takes no argument (got ${args.join(' ')})`);
    return;
  }
  const principal = sources.get('principal');
  const given = principal === undefined ? args : [...args, principal];
  if (given.length === 1) return;
  const what = action === 'find' ? '<principal>' : '<id or id hash>';
  throw new InvalidOptionError(
    action,
    `takes one ${what} or --principal NAME (got ${given.length === 0 ? 'neither' : given.join(', ')})`,
  );
}

function print(result: Record<string, unknown>, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const sessions = result['sessions'] as SessionSummary[] | undefined;
  if (sessions === undefined) {
    process.stdout.write(`${String(result['count'] ?? result['ended'])}\n`);
    return;
  }
  for (const session of sessions) process.stdout.write(`${line(session)}\n`);
  if (typeof result['cursor'] === 'string' && result['cursor'] !== '')
    process.stdout.write(`next page: --cursor ${result['cursor']}\n`);
}

export const sessionsCommand: Command = {
  name: 'sessions',
  summary: "count, list, find and end a deployment's sessions in its Redis store",
  usage: 'sessions count|list|find <principal>|kill <id or id hash>|kill --principal NAME [options]',
  description:
    'Works on the Redis store that the servers share (--redis-url, --redis-cluster or --redis-sentinel,\n' +
    'and the same ' +
    '--application-name). list prints: id hash, created, last access, size, principal, attribute names.\n' +
    'kill tells the listeners registered in this process (not those inside the servers).',
  options: SESSIONS_OPTIONS,
  async run(argv, env) {
    const { options, sources, positionals } = parseCommand(SESSIONS_OPTIONS, argv, env);
    const [action, ...args] = positionals;
    if (action === undefined || !ACTIONS.includes(action))
      throw new InvalidOptionError('action', `must be one of ${ACTIONS.join(', ')} (got ${action ?? 'nothing'})`);
    checkArguments(action, args, sources);
    checkOneStore(sources, options);
    const name = options['applicationName'];
    const application = typeof name === 'string' ? { name } : {};
    // Checked before the store opens: its connection, once started, would keep the command running.
    try {
      createServletContext(application);
    } catch (error) {
      throw nameAsGiven(error, sources);
    }
    const { store, cluster } = openStore(options);
    const manager = new SessionManager({ store, sweepInterval: 0, application });
    try {
      await cluster?.connect().catch((error: unknown) => {
        throw clusterUnreachable(String(options['redisCluster']), error);
      });
      // One round trip first: the store's own client is then connected (or has failed), so closing
      // it below really ends it (a client closed while still connecting would connect afterwards).
      await store.get(manager.storeKey('connection-probe')).catch((error: unknown) => {
        throw unreachable(store, options, error);
      });
      let result: unknown;
      try {
        result = await act(manager, action, args, options);
      } catch (error) {
        // The store's and the admin's own checks (a cursor, a limit) name the option as given too.
        throw nameAsGiven(error, sources);
      }
      print(result as Record<string, unknown>, options['json'] === true);
      return 0;
    } finally {
      await manager.close();
      if (cluster?.isOpen === true) await cluster.close();
    }
  },
};
