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

  it('names a bad field of application under it, and refuses an unknown field or an application that is no object', () => {
    const bad: Array<[string, unknown]> = [
      ['application.name', { name: 'a:b' }],
      ['application.name', { name: 'lock' }],
      ['application.initParameters', { initParameters: { n: 1 } }],
      ['application.nmae', { nmae: 'shop' }],
      ['application.root', { root: 5 }],
      ['application.basePath', { basePath: null }],
      ['application', 'shop'],
      ['application', null],
    ];
    for (const [option, application] of bad) {
      expect(() => new SessionManager({ sweepInterval: 0, application } as never), option)
        .to.throw(`option "${option}"`)
        .with.property('code', 'ERR_INVALID_OPTION');
    }
    expect(() => new SessionManager({ sweepInterval: 0, application: { nmae: 'shop' } } as never)).to.throw(
      'option "application.nmae" is not a field of application (known: name, root, basePath, initParameters)',
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
