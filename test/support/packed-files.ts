/**
 * What `npm pack` puts in the package, asked of npm itself (`--dry-run`, and `--ignore-scripts` so
 * the `dist/` of the last build is listed instead of being built again).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { packageDir } from './paths.js';

const run = promisify(execFile);

/** The paths of every file in the package, sorted. */
export async function packedFiles(): Promise<string[]> {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir });
  const [pack] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  return (pack?.files ?? []).map((file) => file.path).sort();
}
