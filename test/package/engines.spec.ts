/**
 * package.json's `engines`: the oldest Node of each line it admits is one that every dependency the
 * package runs with admits too, so an install there neither warns nor fails at run time; and each is
 * a Node whose `require()` loads ES modules (20.19 on the 20 line, 22.12 on the 22 line), as the
 * README promises CommonJS embedders.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { packageDir } from '../support/paths.js';

type Version = [number, number, number];

interface Manifest {
  engines?: { node?: string };
  dependencies?: Record<string, string>;
}

function manifest(folder: string): Manifest {
  return JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Manifest;
}

/** `20`, `20.19`, `20.19.0` or `20.x` as a version (missing parts are 0). */
function version(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : 0));
  return [major, minor, patch];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * Whether `node` satisfies `range`, in the forms dependencies write (`*`, `>=X.Y.Z`, `>= X`, `^X.Y`,
 * alternatives joined by `||`); any other form throws, to be taught here.
 */
function satisfies(node: Version, range: string): boolean {
  return range.split('||').some((alternative) => {
    const text = alternative.trim();
    if (text === '*' || text === '') return true;
    const atLeast = /^>=\s*(\d+(?:\.(?:\d+|x))*)$/.exec(text);
    if (atLeast !== null) return compare(node, version(atLeast[1] ?? '')) >= 0;
    const caret = /^\^(\d+(?:\.\d+)*)$/.exec(text);
    if (caret !== null) {
      const floor = version(caret[1] ?? '');
      return node[0] === floor[0] && compare(node, floor) >= 0;
    }
    throw new Error(`engines range not understood here: ${range}`);
  });
}

describe('package.json engines', () => {
  const own = manifest(packageDir).engines?.node ?? '';

  /** The oldest Node of each alternative (`^20.19.0 || >=22.12.0` gives 20.19.0 and 22.12.0). */
  const oldest = own.split('||').map((alternative) => {
    const floor = /^\s*(?:\^|>=)(\d+\.\d+\.\d+)\s*$/.exec(alternative);
    if (floor === null) throw new Error(`engines.node alternative not of the form ^X.Y.Z or >=X.Y.Z: ${alternative}`);
    return version(floor[1] ?? '');
  });

  it('admits no Node that a dependency refuses', () => {
    const refusing = Object.keys(manifest(packageDir).dependencies ?? {}).flatMap((name) => {
      const range = manifest(path.join(packageDir, 'node_modules', name)).engines?.node;
      return oldest.flatMap((node) =>
        range === undefined || satisfies(node, range) ? [] : [`${name} (${range}) on ${node.join('.')}`],
      );
    });
    expect(refusing).to.deep.equal([]);
  });

  it('admits only Nodes whose require() loads ES modules', () => {
    const withoutRequireEsm: Version[] = [
      [20, 18, 3],
      [21, 7, 3],
      [22, 11, 0],
    ];
    expect(withoutRequireEsm.filter((node) => satisfies(node, own))).to.deep.equal([]);
    expect(oldest.filter((node) => !satisfies(node, '^20.19.0 || >=22.12.0'))).to.deep.equal([]);
  });
});
