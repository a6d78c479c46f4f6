/**
 * `new SessionManager(options)` checks its options at construction, as createRuntime does: an
 * option it does not know is refused, naming it, instead of being ignored (docs/embedding.md:
 * the manager takes `application: { name }` where the runtime takes `applicationName`).
 */
import { expect } from 'chai';
import { SessionManager } from '../../../main/session/manager.js';

describe('SessionManager options', () => {
  it('refuses an unknown option, naming it: applicationName is the runtime’s, not the manager’s', () => {
    expect(() => new SessionManager({ sweepInterval: 0, applicationName: 'shop' } as never))
      .to.throw(/option "applicationName" is not an option of SessionManager/)
      .with.property('code', 'ERR_INVALID_OPTION');
    expect(() => new SessionManager({ sweepIntervall: 0, maxInactiv: 5 } as never)).to.throw(
      /option "sweepIntervall", "maxInactiv" is not an option of SessionManager/,
    );
  });

  it('takes every option the docs list', async () => {
    const manager = new SessionManager({
      store: undefined,
      clock: { now: () => 0 },
      maxInactiveInterval: 60,
      absoluteTimeout: 0,
      maxActiveSessions: 10,
      sweepInterval: 0,
      listeners: [],
      passivation: false,
      log: () => undefined,
      principalAttribute: 'user',
      application: { name: 'shop' },
    } as never);
    expect(manager.storeKey('x')).to.equal('shop:x');
    await manager.close();
  });
});
