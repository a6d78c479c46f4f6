/**
 * The one table of API module names: each canonical module, the guest file that implements it, and
 * every other name Dirigible published the same API under. `require()` and `import` both resolve
 * through it, so an alias is the same module (one instance per request), never a copy. To add a
 * module or a name, add a row or an alias here; docs/modules.md lists the same table for script
 * authors.
 */
import { fileURLToPath } from 'node:url';

/** Directory of the guest modules shipped with this package. */
export const guestModulesDir = fileURLToPath(new URL('../../../http/', import.meta.url));

/** A canonical API module. */
export interface ApiModuleRow {
  /** The guest file under `guestModulesDir` (CommonJS; ES module scripts import it through esm-api.ts). */
  file: string;
  /** Every other name of the same module, for `require` and `import` alike. */
  aliases: readonly string[];
}

/** Canonical module id to its file and aliases. */
export const apiModuleTable: ReadonlyMap<string, ApiModuleRow> = new Map<string, ApiModuleRow>([
  ['http/v4/session', { file: 'v4/session.js', aliases: [] }],
  ['http/v4/request', { file: 'v4/request.js', aliases: [] }],
  ['http/v4/response', { file: 'v4/response.js', aliases: [] }],
  ['http/v3/session', { file: 'v3/session.js', aliases: [] }],
  ['http/v3/request', { file: 'v3/request.js', aliases: [] }],
  ['http/v3/response', { file: 'v3/response.js', aliases: [] }],
  ['http/session', { file: 'session.js', aliases: [] }],
  ['http/request', { file: 'request.js', aliases: [] }],
  ['http/response', { file: 'response.js', aliases: [] }],
  ['net/http/session', { file: 'v2/session.js', aliases: [] }],
  ['net/http/request', { file: 'v2/request.js', aliases: [] }],
  ['net/http/response', { file: 'v2/response.js', aliases: [] }],
  // Dirigible 2's user API (v2's successor is security/user, which answers 'guest' where it answered null).
  ['net/http/user', { file: 'v2/user.js', aliases: [] }],
  // Dirigible 10's SDK; Dirigible 7 published it as @dirigible/http, the newest docs as @aerokit/sdk/http.
  ['sdk/http', { file: 'sdk/http/index.js', aliases: ['@dirigible/http', '@aerokit/sdk/http'] }],
  ['sdk/http/session', { file: 'sdk/http/session.js', aliases: ['@aerokit/sdk/http/session'] }],
  ['sdk/http/request', { file: 'sdk/http/request.js', aliases: ['@aerokit/sdk/http/request'] }],
  ['sdk/http/response', { file: 'sdk/http/response.js', aliases: ['@aerokit/sdk/http/response'] }],
  ['sdk/http/rs', { file: 'sdk/http/rs.js', aliases: ['@aerokit/sdk/http/rs'] }],
  ['sdk/http/decorators', { file: 'sdk/http/decorators.js', aliases: ['@aerokit/sdk/http/decorators'] }],
  // The newest SDK's HttpUtils and error classes, which its generated REST controllers import.
  ['sdk/http/utils', { file: 'sdk/http/utils.js', aliases: ['@aerokit/sdk/http/utils'] }],
  ['sdk/http/errors', { file: 'sdk/http/errors.js', aliases: ['@aerokit/sdk/http/errors'] }],
  // Uploads and the HTTP client (Dirigible 3's http/v3/upload and http/v3/client had v4's functions);
  // the SDK's classes.
  ['http/v4/upload', { file: 'v4/upload.js', aliases: ['http/upload', 'http/v3/upload'] }],
  ['net/http/upload', { file: 'v2/upload.js', aliases: [] }],
  ['http/v4/client', { file: 'v4/client.js', aliases: ['http/client', 'http/v3/client'] }],
  ['sdk/http/upload', { file: 'sdk/http/upload.js', aliases: ['@aerokit/sdk/http/upload'] }],
  ['sdk/http/client', { file: 'sdk/http/client.js', aliases: ['@aerokit/sdk/http/client'] }],
  // The script console (operations); `core/*` are Dirigible's names for it.
  ['console', { file: 'console.js', aliases: ['core/console', 'core/v4/console'] }],
  // The REST framework: the module under each of Dirigible's names, its parts, the decorators.
  ['http/v4/rs', { file: 'v4/rs.js', aliases: [] }],
  ['http/v3/rs', { file: 'v3/rs.js', aliases: [] }],
  ['http/rs', { file: 'rs.js', aliases: [] }],
  ...['http-controller', 'resource-mappings', 'resource', 'resource-method', 'dispatch', 'path-template']
    .concat(['media-types', 'query-parameters', 'definition-error', 'handler-objects', 'decorators', 'decorator-set'])
    .map((name): [string, ApiModuleRow] => [`http/rs/${name}`, { file: `rs/${name}.js`, aliases: [] }]),
  // The user API: Dirigible 3 to 8's security/user (3 to 6 also as security/v4/user); the SDK's
  // sdk/security (Dirigible 8 packaged it as @dirigible/security, the newest docs as @aerokit/sdk/security).
  ['security/user', { file: 'security/user.js', aliases: ['security/v4/user'] }],
  ['sdk/security', { file: 'sdk/security/index.js', aliases: ['@dirigible/security', '@aerokit/sdk/security'] }],
  ['sdk/security/user', { file: 'sdk/security/user.js', aliases: ['@aerokit/sdk/security/user'] }],
  // The loggers: Dirigible 3 to 8's log/logging (also log/v4/logging, Dirigible 3's log/v3/logging),
  // which is also the SDK's logging module (Dirigible 8's @dirigible/log/logging, 10's
  // sdk/log/logging); the SDK's sdk/log (Dirigible 8 packaged it as @dirigible/log).
  [
    'log/logging',
    {
      file: 'log/logging.js',
      aliases: [
        'log/v4/logging',
        'log/v3/logging',
        'sdk/log/logging',
        '@dirigible/log/logging',
        '@aerokit/sdk/log/logging',
      ],
    },
  ],
  ['sdk/log', { file: 'sdk/log/index.js', aliases: ['@dirigible/log', '@aerokit/sdk/log'] }],
  // The utils modules: Dirigible 4 to 9's utils/<name> (Dirigible 3 to 6 also utils/v4/<name>);
  // Dirigible 10's sdk/utils and its sdk/utils/<name> classes (the newest docs' @aerokit/sdk/utils).
  ...['base64', 'digest', 'escape', 'hex', 'url', 'utf8', 'uuid'].flatMap(
    (name): Array<[string, ApiModuleRow]> => [
      [`utils/${name}`, { file: `utils/${name}.js`, aliases: [`utils/v4/${name}`] }],
      [`sdk/utils/${name}`, { file: `sdk/utils/${name}.js`, aliases: [`@aerokit/sdk/utils/${name}`] }],
    ],
  ),
  // Dirigible 7 and 8 published it as @dirigible/utils (the 2023 docs' `import { base64 } from "@dirigible/utils"`).
  ['sdk/utils', { file: 'sdk/utils/index.js', aliases: ['@dirigible/utils', '@aerokit/sdk/utils'] }],
  // Their part: the rule for the bytes a script hands them (as http/rs's parts, a name of its own).
  ['utils/bytes', { file: 'utils/bytes.js', aliases: [] }],
  // Dirigible 8's functions and Dirigible 10's Assert class in one module; utils/assert is Dirigible 7's.
  ['test/assert', { file: 'test/assert.js', aliases: ['test/v4/assert', 'utils/assert', 'utils/v4/assert'] }],
  // The ES module of it, `import { assert } from "sdk/test"` (Dirigible's test/assert docs page, its
  // API tests); Dirigible 8 published it as @dirigible/test.
  ['sdk/test', { file: 'sdk/test/index.js', aliases: ['@dirigible/test'] }],
]);

/** Every name, canonical or alias, to its canonical id. */
const canonicalByName: ReadonlyMap<string, string> = new Map(
  [...apiModuleTable].flatMap(([id, row]) => [[id, id] as const, ...row.aliases.map((alias) => [alias, id] as const)]),
);

/** The canonical id of an API module name, or `undefined` when `name` is not one. */
export function canonicalModuleId(name: string): string | undefined {
  return canonicalByName.get(name);
}

/** Every API module name, canonical ids first in table order, for messages. */
export function apiModuleNames(): string[] {
  return [...canonicalByName.keys()];
}
