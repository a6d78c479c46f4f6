/**
 * A session listener that counts sessions created, expired and invalidated. A destroyed session
 * counts as expired when, at that moment, it is past its idle or absolute timeout (the manager
 * removes it then); otherwise it was invalidated.
 */
import { isExpired } from '../../common/record.js';
import type { SessionListener } from '../session/listeners.js';
import type { SessionManager } from '../session/manager.js';

interface Incrementable {
  inc(): void;
}

export function sessionCountingListener(
  sessions: SessionManager,
  counters: { created: Incrementable; expired: Incrementable; invalidated: Incrementable },
): SessionListener {
  return {
    sessionCreated: () => counters.created.inc(),
    sessionDestroyed: (event) => {
      const session = event.session;
      const expired = isExpired(
        {
          creationTime: session.getCreationTime(),
          lastAccessedTime: session.getLastAccessedTime(),
          maxInactiveInterval: session.getMaxInactiveInterval(),
        },
        sessions.clock.now(),
        sessions.absoluteTimeout,
      );
      (expired ? counters.expired : counters.invalidated).inc();
    },
  };
}
