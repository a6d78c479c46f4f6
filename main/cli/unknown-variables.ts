/**
 * Environment variables that look like the program's (`DIRIGIBLE_SESSION_…`) but that no command
 * reads: a misspelt `DIRIGIBLE_SESSION_REDIS_ULR` would otherwise leave sessions in memory without
 * a word. They are warned about, not refused: an environment is often shared by several programs
 * and versions, as npm warns of an unknown `npm_config_` variable.
 */
import { type CliOption, ENV_PREFIX, envNamesOf } from './option-table.js';
import { closestName } from './flag-error.js';

/**
 * One warning for each variable of `env` that starts with `ENV_PREFIX` and that none of `tables`
 * reads, naming the variable it most likely misspells, if any; in the order of `env`.
 * @example unknownVariables({ DIRIGIBLE_SESSION_REDIS_ULR: 'redis://r' }, [SERVE_OPTIONS])
 *   // ['DIRIGIBLE_SESSION_REDIS_ULR is not read by any command; did you mean DIRIGIBLE_SESSION_REDIS_URL?']
 */
export function unknownVariables(env: NodeJS.ProcessEnv, tables: readonly (readonly CliOption[])[]): string[] {
  const known = new Set(tables.flatMap((table) => table.flatMap(envNamesOf)));
  const prefixed = [...known].filter((name) => name.startsWith(ENV_PREFIX));
  const warnings: string[] = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith(ENV_PREFIX) || known.has(name)) continue;
    const meant = closestName(name.toUpperCase(), prefixed);
    warnings.push(`${name} is not read by any command${meant === undefined ? '' : `; did you mean ${meant}?`}`);
  }
  return warnings;
}
