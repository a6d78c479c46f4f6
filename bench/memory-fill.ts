/**
 * Child of `bench/memory.ts`: fills one store with `argv[3]` Basic Usage sessions and reports the
 * heap growth per session (after full collections; run with `--expose-gc`).
 */
import { randomBytes } from 'node:crypto';
import session from 'express-session';
import { SessionManager } from '../main/session/manager.js';
import type { MemoryReport } from './memory.js';

const [store = '', count = '0'] = process.argv.slice(2);
const sessions = Number(count);
const collect = globalThis.gc;
if (collect === undefined) throw new Error('run with --expose-gc');

function heapUsed(): number {
  collect?.();
  collect?.();
  return process.memoryUsage().heapUsed;
}

/** Fills and returns the store, kept reachable until measured. */
async function fill(): Promise<unknown> {
  if (store.startsWith('dirigible-session')) {
    const manager = new SessionManager({ sweepInterval: 0 });
    for (let i = 0; i < sessions; i++) {
      const created = await manager.create();
      created.setAttribute('attr1', 'value1');
      await manager.commit(created);
    }
    return manager;
  }
  const memory = new session.MemoryStore();
  for (let i = 0; i < sessions; i++) {
    // Typed without arguments, but express-session's Cookie takes its options (cookie.js).
    const Cookie = session.Cookie as unknown as new (options: session.CookieOptions) => session.Cookie;
    const cookie = new Cookie({ httpOnly: true, sameSite: 'lax', maxAge: 1800 * 1000 });
    const data = { cookie, attr1: 'value1' } as session.SessionData;
    await new Promise<void>((resolve) => memory.set(randomBytes(24).toString('base64url'), data, () => resolve()));
  }
  return memory;
}

const before = heapUsed();
const filled = await fill();
const after = heapUsed();
const report: MemoryReport = { store, sessions, bytesPerSession: (after - before) / sessions };
process.send?.(report, () => process.exit(filled === undefined ? 1 : 0));
