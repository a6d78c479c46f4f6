/**
 * A project outside the repository with this package installed from its tarball, laid out as
 * `npm install <tarball>` lays it out, without the network: the tarball unpacked in
 * `node_modules/dirigible-session`, its command linked in `node_modules/.bin`, and each dependency
 * package.json declares linked from this checkout's node_modules (the built isolated-vm among them).
 * Only declared dependencies are linked, so the package importing anything else fails here as it
 * would for a user. `@types/node` is linked too, for a TypeScript embedder.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir, packageDir } from './paths.js';

/** How isolated-vm is installed: built, or as `npm install --ignore-scripts` (or a failed compile) leaves it. */
export type IsolatedVm = 'built' | 'without its native build';

/**
 * Makes `project` from the fixture folder `fixtures/<fixture>` and installs `tarball` into it.
 * @returns the project folder
 */
export function installPackage(tarball: string, project: string, fixture: string, isolatedVm: IsolatedVm): string {
  cpSync(path.join(fixturesDir, fixture), project, { recursive: true });
  const modules = path.join(project, 'node_modules');
  const installed = path.join(modules, 'dirigible-session');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    bin: Record<string, string>;
  };
  for (const name of [...Object.keys(manifest.dependencies), '@types/node']) {
    const target = path.join(modules, name);
    mkdirSync(path.dirname(target), { recursive: true });
    if (name === 'isolated-vm' && isolatedVm === 'without its native build') copyWithoutBuild(name, target);
    else symlinkSync(path.join(packageDir, 'node_modules', name), target);
  }
  mkdirSync(path.join(modules, '.bin'));
  for (const [command, file] of Object.entries(manifest.bin))
    symlinkSync(path.join('..', 'dirigible-session', file), path.join(modules, '.bin', command));
  return project;
}

/** isolated-vm's JavaScript without `out/`, the native module its install script builds. */
function copyWithoutBuild(name: string, target: string): void {
  mkdirSync(target);
  for (const file of ['package.json', 'isolated-vm.js', 'isolated-vm.d.ts'])
    copyFileSync(path.join(packageDir, 'node_modules', name, file), path.join(target, file));
}
