/**
 * The `serve` command: `serve <root> [--port N] [--host H] [--redis-url URL]
 * [--max-inactive-interval S] [--timeout MS] [--memory-limit MB] [--workers N]
 * [--isolation script|request] [--deadline MS] [--max-response-size BYTES] [--max-attribute-size BYTES]
 * [--max-attributes N] [--max-session-size BYTES] [--contexts-per-isolate N] [--upload-max-file-size BYTES]
 * [--upload-max-files N] [--upload-max-size BYTES] [--allowed-hosts HOST,…] [--http-client-timeout MS]
 * [--http-client-max-response-size BYTES]`. Prints one line with `http://HOST:PORT` once listening;
 * SIGINT/SIGTERM stop it gracefully with exit code 0.
 */
import { parseArgs } from 'node:util';
import { InvalidOptionError } from '../../common/errors.js';
import { checkRedisUrl, type RuntimeOptions } from './options.js';
import { createRuntime } from './runtime.js';

const USAGE =
  'usage: serve <root> [--port N] [--host H] [--redis-url URL] [--max-inactive-interval S] [--timeout MS] [--memory-limit MB] [--workers N] [--isolation script|request]' +
  ' [--deadline MS] [--max-response-size BYTES] [--max-attribute-size BYTES] [--max-attributes N] [--max-session-size BYTES] [--contexts-per-isolate N]' +
  ' [--upload-max-file-size BYTES] [--upload-max-files N] [--upload-max-size BYTES]' +
  ' [--allowed-hosts HOST,…] [--http-client-timeout MS] [--http-client-max-response-size BYTES]';

/** Whole-number flags, and the option each one sets. */
const INTEGER_FLAGS = {
  'max-inactive-interval': 'maxInactiveInterval',
  timeout: 'timeout',
  'memory-limit': 'memoryLimit',
  workers: 'workers',
  deadline: 'deadline',
  'max-response-size': 'maxResponseSize',
  'max-attribute-size': 'maxAttributeSize',
  'max-attributes': 'maxAttributes',
  'max-session-size': 'maxSessionSize',
  'contexts-per-isolate': 'contextsPerIsolate',
  'upload-max-file-size': 'uploadMaxFileSize',
  'upload-max-files': 'uploadMaxFiles',
  'upload-max-size': 'uploadMaxSize',
  'http-client-timeout': 'httpClientTimeout',
  'http-client-max-response-size': 'httpClientMaxResponseSize',
} as const satisfies Record<string, keyof RuntimeOptions>;

function integer(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new InvalidOptionError(flag, `must be a whole number (got ${value})`);
  return Number(value);
}

/** `--allowed-hosts` values: each a comma-separated list; the flag may repeat. */
function allowedHosts(values: string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Parses the command line into runtime options plus where to listen. */
export function parseCommandLine(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): { options: RuntimeOptions; port: number; host: string } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'redis-url': { type: 'string' },
      isolation: { type: 'string' },
      'allowed-hosts': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(Object.keys(INTEGER_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
    },
  });
  if (values.help === true || positionals.length !== 1) throw new InvalidOptionError('root', `is required\n${USAGE}`);
  const port = integer('--port', values.port ?? env['PORT']) ?? 8080;
  if (port < 0 || port > 65535) throw new InvalidOptionError('--port', 'must be between 0 and 65535');
  const options: RuntimeOptions = { root: positionals[0] as string };
  for (const [flag, option] of Object.entries(INTEGER_FLAGS)) {
    const value = integer(
      `--${flag}`,
      (values as Record<string, string | boolean | undefined>)[flag] as string | undefined,
    );
    if (value !== undefined) options[option] = value;
  }
  if (values['redis-url'] !== undefined) options.redisUrl = checkRedisUrl('--redis-url', values['redis-url']);
  if (values['allowed-hosts'] !== undefined) options.allowedHosts = allowedHosts(values['allowed-hosts']);
  if (values.isolation !== undefined) options.isolation = values.isolation as RuntimeOptions['isolation'] & string;
  return { options, port, host: values.host ?? '127.0.0.1' };
}

/** Runs the CLI; resolves when the server has stopped. */
export async function main(argv: string[]): Promise<void> {
  let parsed;
  let runtime;
  try {
    parsed = parseCommandLine(argv);
    runtime = createRuntime(parsed.options);
  } catch (error) {
    console.error(`serve: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
    return;
  }
  // Handlers go in before the URL is printed: a signal that arrives right after must find them.
  const stop = () => {
    runtime.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let url: string;
  try {
    ({ url } = await runtime.listen(parsed.port, parsed.host));
  } catch (error) {
    console.error(
      `serve: cannot listen on ${parsed.host}:${parsed.port}: ${error instanceof Error ? error.message : String(error)}`,
    );
    await runtime.close();
    process.exit(1);
  }
  console.log(`serving ${parsed.options.root} at ${url}/services/js/`);
}
