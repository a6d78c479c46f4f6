/**
 * What `npm pack` puts in the package, asked of npm itself (`--dry-run`, and `--ignore-scripts` so
 * the `dist/` of the last build is listed instead of being built again), and the tarball `npm pack`
 * makes, for the specs that install the package as a user would.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { packageDir } from './paths.js';

const run = promisify(execFile);

/** The paths of every file in the package, sorted. */
export async function packedFiles(): Promise<string[]> {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir });
  const [pack] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
  return (pack?.files ?? []).map((file) => file.path).sort();
}

/** Packs the package (as built) into `folder`; resolves to the tarball's path. */
export async function packInto(folder: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], {
    cwd: packageDir,
  });
  const [pack] = JSON.parse(stdout) as Array<{ filename: string }>;
  if (pack === undefined) throw new Error('npm pack printed no package');
  return path.join(folder, pack.filename);
}
