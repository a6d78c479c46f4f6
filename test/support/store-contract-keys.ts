/**
 * The part of the store contract that id rotation, application prefixes and the absolute timeout
 * rely on: rename, count by prefix, expiredIds. Run by `describeStoreContract` for every store.
 */
import { expect } from 'chai';
import type { SessionRecord } from '../../common/record.js';
import type { SessionStore } from '../../main/session/store.js';
import type { StoreContractSubject } from './store-contract.js';

function record(id: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id,
    creationTime: 0,
    lastAccessedTime: 0,
    maxInactiveInterval: 60,
    isNew: true,
    attributes: [['a', '1']],
    ...overrides,
  };
}

export function describeKeyContract(name: string, subject: StoreContractSubject): void {
  describe(`${name}: store contract (rename, count by prefix, expiredIds with an absolute timeout)`, () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await subject.create();
    });
    afterEach(() => subject.dispose(store));

    it('rename moves the record, keeping everything but the id', async () => {
      await store.create(record('app:old'));
      expect(await store.rename?.('app:old', 'app:new')).to.equal(true);
      expect(await store.get('app:old')).to.equal(undefined);
      expect(await store.get('app:new')).to.deep.equal(record('app:new'));
    });

    it('rename is false, moving nothing, when the old id is gone or the new one is taken', async () => {
      await store.create(record('app:one'));
      await store.create(record('app:two', { attributes: [] }));
      expect(await store.rename?.('app:absent', 'app:three')).to.equal(false);
      expect(await store.rename?.('app:one', 'app:two')).to.equal(false);
      expect(await store.get('app:one')).to.deep.equal(record('app:one'));
      expect(await store.get('app:two')).to.deep.equal(record('app:two', { attributes: [] }));
      expect(await store.get('app:three')).to.equal(undefined);
    });

    it('count counts the ids with the prefix, or all', async () => {
      for (const id of ['shop:1', 'shop:2', 'blog:1']) await store.create(record(id));
      await store.rename?.('shop:2', 'shop:3');
      await store.destroy('blog:1');
      expect(await store.count?.('shop:')).to.equal(2);
      expect(await store.count?.('blog:')).to.equal(0);
      expect(await store.count?.('sh')).to.equal(2);
      expect(await store.count?.()).to.equal(2);
    });

    it('expiredIds reports idle expiry, and age past an absolute timeout when one is given', async () => {
      await store.create(record('app:idle', { lastAccessedTime: 0, maxInactiveInterval: 10 }));
      await store.create(record('app:old', { creationTime: 0, lastAccessedTime: 50_000, maxInactiveInterval: 0 }));
      await store.create(
        record('app:fresh', { creationTime: 50_000, lastAccessedTime: 50_000, maxInactiveInterval: 0 }),
      );
      expect(await store.expiredIds?.(60_000)).to.deep.equal(['app:idle']);
      expect((await store.expiredIds?.(60_000, 60))?.sort()).to.deep.equal(['app:idle', 'app:old']);
    });
  });
}
