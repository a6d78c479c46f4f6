/**
 * `dirigible-session serve <root> [options]`: serves the scripts under `<root>` until SIGINT or
 * SIGTERM, then stops gracefully and exits 0. Prints one line with `http://HOST:PORT` once listening.
 */
import { InvalidOptionError } from '../../common/errors.js';
import { SCRIPT_URL_PREFIX, SCRIPT_URL_PREFIXES } from '../../common/mount-point.js';
import { HARDENING_DEFAULTS } from '../server/hardening-options.js';
import type { RuntimeOptions } from '../server/options.js';
import { createRuntime } from '../server/runtime.js';
import { type Command, PROGRAM } from './command.js';
import { errorLine } from './error-line.js';
import { type OptionSources, nameAsGiven } from './option-sources.js';
import { SERVE_OPTIONS } from './option-table.js';
import { handleStopSignals } from './stop-signals.js';
import { parseCommand } from './parse-options.js';

/** What `serve` was asked: the runtime's options and where to listen. */
export interface ServeArguments {
  options: RuntimeOptions;
  port: number;
  host: string;
  /** Where each option came from, to name it in the runtime's errors as it was given. */
  sources: OptionSources;
}

/** Parses `serve`'s arguments (after the word `serve`): flags, then environment, then `--config`. */
export function parseServeArguments(argv: readonly string[], env: NodeJS.ProcessEnv): ServeArguments {
  const { options, sources, positionals } = parseCommand(SERVE_OPTIONS, argv, env, ['root']);
  const { port = 8080, host = '127.0.0.1', root: configRoot, ...runtime } = options;
  if (positionals.length > 1)
    throw new InvalidOptionError('root', `must be given once (got ${positionals.join(', ')}); see --help`);
  const root = positionals[0] ?? configRoot;
  if (positionals.length === 0 && configRoot !== undefined && typeof configRoot !== 'string')
    throw new InvalidOptionError(sources.get('root') ?? 'root', 'must be a string (the directory of the scripts)');
  if (typeof root !== 'string' || root === '')
    throw new InvalidOptionError('root', 'is required: serve <root> (or "root" in the --config file); see --help');
  // The option table checked both (a whole number from 0 to 65535, a string); this narrows their types.
  if (typeof port !== 'number' || typeof host !== 'string') throw new TypeError('port or host of the wrong type');
  return { options: { ...(runtime as Partial<RuntimeOptions>), root }, port, host, sources };
}

/** The mounts after the first, `/services/ts/<path>, … and /services/v3/js/<path>`, for the help. */
function otherMounts(): string {
  const mounts = SCRIPT_URL_PREFIXES.slice(1).map((prefix) => `${prefix}<path>`);
  return `${mounts.slice(0, -1).join(', ')} and ${mounts.at(-1)}`;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the scripts under a directory at /services/js/',
  usage: 'serve <root> [options]',
  description:
    `Serves every .js, .mjs and .ts file under <root> at ${SCRIPT_URL_PREFIX}<path> (and at ${otherMounts()}).\n` +
    'Logs JSON lines on stdout (pipe them through pino-pretty to read them).\n' +
    'SIGINT or SIGTERM: stop accepting, finish, exit 0 (1 when that took longer than --shutdown-timeout).',
  options: SERVE_OPTIONS,
  async run(argv, env) {
    const parsed = parseServeArguments(argv, env);
    let runtime: ReturnType<typeof createRuntime>;
    try {
      runtime = createRuntime(parsed.options);
    } catch (error) {
      throw nameAsGiven(error, parsed.sources);
    }
    // Handlers go in before the URL is printed: a signal that arrives right after must find them.
    const stop = () => {
      // close() cuts everything off after shutdownTimeout; this is the backstop should even that hang.
      setTimeout(
        () => process.exit(1),
        (parsed.options.shutdownTimeout ?? HARDENING_DEFAULTS.shutdownTimeout) + 2000,
      ).unref();
      runtime.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`${PROGRAM} serve: ${errorLine(error)}`);
          process.exit(1);
        },
      );
    };
    const stopOnce = handleStopSignals(stop);
    // Started by bin/ with an IPC channel: when that parent dies, nothing else would stop this one.
    process.once('disconnect', stopOnce);
    let url: string;
    try {
      ({ url } = await runtime.listen(parsed.port, parsed.host));
    } catch (error) {
      console.error(
        `${PROGRAM}: cannot listen on ${parsed.host}:${parsed.port}: ${error instanceof Error ? error.message : String(error)}`,
      );
      await runtime.close();
      return 1;
    }
    console.log(`serving ${parsed.options.root} at ${url}${SCRIPT_URL_PREFIX}`);
    return undefined;
  },
};
