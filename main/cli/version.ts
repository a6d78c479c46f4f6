/**
 * The package's version, read from its package.json (the CLI's `--version`).
 */
import { readFileSync } from 'node:fs';

/** The `version` of package.json, two folders above the compiled `main/cli/` (dist/ or build/). */
export function packageVersion(): string {
  const file = new URL('../../../package.json', import.meta.url);
  return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version);
}
