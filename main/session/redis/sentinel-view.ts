/**
 * What the sentinels say about a master set, asked on a short-lived plain connection of its own
 * (node-redis's Sentinel client does not tell why it has no master): the address they name
 * (`SENTINEL GET-MASTER-ADDR-BY-NAME`) and its flags (`SENTINEL MASTER`'s `flags`, such as
 * `s_down,o_down,master`), from the first sentinel that answers.
 */
import { createClient } from 'redis';
import { connectionFailure } from './redis-connection.js';

/** Longest one sentinel may take to connect and answer both questions, ms. */
const ASK_TIMEOUT_MS = 1000;

/**
 * One line saying what the first answering sentinel of `sentinels` knows of master set `name`,
 * or that no sentinel answered (with the last failure). Never rejects.
 * @example await sentinelView('mymaster', [{ host: '127.0.0.1', port: 26379 }], false)
 * // 'sentinel 127.0.0.1:26379 names master 127.0.0.1:6379, flags s_down,o_down,master'
 */
export async function sentinelView(
  name: string,
  sentinels: { host: string; port: number }[],
  tls: boolean,
): Promise<string> {
  let failure = 'no sentinel given';
  for (const { host, port } of sentinels) {
    try {
      return `sentinel ${host}:${port} ${await askOne(name, host, port, tls)}`;
    } catch (error) {
      failure = error instanceof Error ? connectionFailure(error) : String(error);
    }
  }
  return `no sentinel answered (${failure})`;
}

/** What the sentinel at `host:port` says of `name`; rejects when it does not answer in time. */
async function askOne(name: string, host: string, port: number, tls: boolean): Promise<string> {
  const client = createClient({
    RESP: 2,
    socket: {
      host,
      port,
      ...(tls ? { tls: true as const } : {}),
      connectTimeout: ASK_TIMEOUT_MS,
      reconnectStrategy: false,
    },
  });
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ASK_TIMEOUT_MS} ms`)), ASK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([late, ask(client, name)]);
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
}

async function ask(client: ReturnType<typeof createClient>, name: string): Promise<string> {
  await client.connect();
  const address = (await client.sendCommand(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name])) as string[] | null;
  if (address === null) return `does not know master set ${name}`;
  const fields = (await client.sendCommand(['SENTINEL', 'MASTER', name])) as string[];
  const at = fields.indexOf('flags');
  const flags = at < 0 ? 'unknown' : fields[at + 1];
  return `names master ${address[0]}:${address[1]}, flags ${flags}`;
}
