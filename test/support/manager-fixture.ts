/**
 * A real SessionManager on a real MemoryStore with an injected clock, for specs of the session
 * container: time moves only when the spec says so.
 */
import { SessionManager, type SessionManagerOptions } from '../../main/session/manager.js';
import type { HttpSession } from '../../main/session/http-session.js';

export const START = 1_700_000_000_000;

export interface ManagerFixture {
  manager: SessionManager;
  clock: { now(): number; advance(ms: number): void };
  /** Lines the manager logged (failing listeners). */
  logged: string[];
  /** A session created, stored, and found again as the next request of its client would. */
  storedSession(attributes?: Record<string, unknown>): Promise<HttpSession>;
}

export function managerFixture(options: SessionManagerOptions = {}): ManagerFixture {
  let now = START;
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
  const logged: string[] = [];
  const manager = new SessionManager({ clock, sweepInterval: 0, log: (line) => logged.push(line), ...options });
  return {
    manager,
    clock,
    logged,
    async storedSession(attributes = {}) {
      const created = await manager.create();
      for (const [name, value] of Object.entries(attributes)) created.setAttribute(name, value);
      await manager.commit(created);
      const found = await manager.find(created.getId());
      if (found === undefined) throw new Error('the stored session was not found');
      return found;
    },
  };
}
