/** The `ACL SETUSER` line docs/multi-machine.md gives for the runtime's Redis user (user `app`, password `secret`). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageDir } from './paths.js';

/** The documented line as command arguments, for `sendCommand`. */
export function documentedAcl(): string[] {
  const docs = readFileSync(path.join(packageDir, 'docs', 'multi-machine.md'), 'utf8');
  const line = docs.split('\n').find((text) => text.startsWith('ACL SETUSER app '));
  if (line === undefined) throw new Error('docs/multi-machine.md gives no ACL SETUSER line');
  return line.split(' ');
}
