/**
 * The package as `npm pack` makes it: exactly what users run and read (the command, the build of
 * the product code and nothing stale beside it, the guest modules the workers load, the script types,
 * the docs and the examples they point at), nothing of tests, benchmarks or tooling; every link
 * of its Markdown pages leads to a file, and a heading, that is in the package; and its package.json
 * is as `npm publish` takes it, with nothing to correct, and names every package its build imports.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { packedFiles } from '../support/packed-files.js';
import { packageDir } from '../support/paths.js';

/** Every file under `folder` of the repository, as a path from the package root. */
function filesUnder(folder: string): string[] {
  return readdirSync(path.join(packageDir, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(packageDir, path.join(entry.parentPath, entry.name)));
}

/** What the build of each TypeScript source file of the product code is: its `.js` and `.d.ts` in dist/. */
function builtFiles(): string[] {
  return ['common', 'main', 'worker']
    .flatMap(filesUnder)
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [`dist/${file.slice(0, -3)}.js`, `dist/${file.slice(0, -3)}.d.ts`]);
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown page's headings (a repeated one numbered, as GitHub does). */
function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (heading === null) continue;
    const base = slug(heading[1] ?? '');
    let anchor = base;
    for (let n = 1; found.has(anchor); n++) anchor = `${base}-${n}`;
    found.add(anchor);
  }
  return found;
}

/** `page: target` of every relative link of the shipped pages that leads outside the package or to no heading. */
function brokenLinks(files: string[]): string[] {
  const shipped = new Set(files);
  const broken: string[] = [];
  for (const page of files.filter((file) => file.endsWith('.md'))) {
    const markdown = readFileSync(path.join(packageDir, page), 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const [, target = ''] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [file = '', anchor] = target.split('#');
      const linked = file === '' ? page : path.normalize(path.join(path.dirname(page), file));
      const isFolder = files.some((shippedFile) => shippedFile.startsWith(`${linked.replace(/\/$/, '')}/`));
      if (!shipped.has(linked) && !isFolder) broken.push(`${page}: ${target}`);
      else if (anchor !== undefined && linked.endsWith('.md')) {
        if (!anchors(readFileSync(path.join(packageDir, linked), 'utf8')).has(anchor))
          broken.push(`${page}: ${target}`);
      }
    }
  }
  return broken;
}

describe('the package (npm pack)', () => {
  let files: string[];
  before(async function () {
    this.timeout(60_000);
    files = await packedFiles();
  });

  it('holds exactly the command, the build of the product code, the guest modules, types, docs, examples, README, CHANGELOG and license', () => {
    const expected = [
      'package.json',
      'README.md',
      'CHANGELOG.md',
      ...['LICENSE'].filter((file) => existsSync(path.join(packageDir, file))),
      ...['bin', 'http', 'types', 'docs', 'examples'].flatMap(filesUnder),
      ...builtFiles(),
    ];
    const missing = expected.filter((file) => !files.includes(file));
    const extra = files.filter((file) => !expected.includes(file));
    expect({ missing, extra }).to.deep.equal({ missing: [], extra: [] });
  });

  it('holds the entry points package.json names (main, types, exports, bin) and the worker the pool spawns', () => {
    const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
      main: string;
      types: string;
      exports: Record<string, Record<string, string> | string>;
      bin: Record<string, string>;
    };
    const named = [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target),
      ),
      ...Object.values(manifest.bin),
      'dist/main/server/cli.js',
      'dist/worker/sandbox/worker-main.js',
    ];
    for (const file of named) expect(files, file).to.include(path.normalize(file));
  });

  it('imports, from its build, only Node built-ins and the dependencies package.json declares', () => {
    const { dependencies } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    // Static imports and re-exports at the start of a line, and dynamic imports, of a bare specifier.
    const bare = /(?:^(?:import|export)\b[^;]*?\bfrom\s*|^import\s*|\bimport\(\s*)'([\w@][\w@:./-]*)'/gm;
    const imports = files
      .filter((file) => file.startsWith('dist/') && file.endsWith('.js'))
      .flatMap((file) =>
        [...readFileSync(path.join(packageDir, file), 'utf8').matchAll(bare)].map(([, specifier = '']) => {
          const name = specifier
            .split('/')
            .slice(0, specifier.startsWith('@') ? 2 : 1)
            .join('/');
          return { file, name };
        }),
      );
    expect(imports.map(({ name }) => name)).to.include.members(['isolated-vm', 'node:http']);
    const undeclared = imports.filter(
      ({ name }) => !name.startsWith('node:') && !builtinModules.includes(name) && !(name in dependencies),
    );
    expect(undeclared).to.deep.equal([]);
  });

  it('has a package.json npm publish takes as it is (npm pkg fix changes nothing)', async function () {
    this.timeout(30_000);
    const scratch = mkdtempSync(path.join(tmpdir(), 'pkg-fix-'));
    try {
      copyFileSync(path.join(packageDir, 'package.json'), path.join(scratch, 'package.json'));
      await promisify(execFile)('npm', ['pkg', 'fix'], { cwd: scratch });
      expect(JSON.parse(readFileSync(path.join(scratch, 'package.json'), 'utf8'))).to.deep.equal(
        JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')),
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('links from its pages only to files and headings it holds', () => {
    expect(brokenLinks(files)).to.deep.equal([]);
  });
});
