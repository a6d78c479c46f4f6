/**
 * The MemoryStore against the store contract, and what sets it apart: not distributed.
 */
import { expect } from 'chai';
import { MemoryStore } from '../../../main/session/memory-store.js';
import { describeStoreContract } from '../../support/store-contract.js';

describeStoreContract('MemoryStore', {
  create: async () => new MemoryStore(),
  // One process: a second machine would not share a memory store, so the peer is the store itself.
  peer: async (store) => store,
  dispose: async (store) => store.close?.(),
});

describe('MemoryStore', () => {
  it('is not distributed: no passivation notices by default', () => {
    expect(new MemoryStore().distributed).to.equal(false);
  });
});

describe('MemoryStore forwardings of rotated sessions (movedTo)', () => {
  const record = (id: string) => ({
    id,
    creationTime: 0,
    lastAccessedTime: 0,
    maxInactiveInterval: 60,
    isNew: false,
    attributes: [],
  });

  it('forwards every old key to the latest one while the session lives, and forgets them when it ends', async () => {
    const store = new MemoryStore();
    await store.create(record('app:a'));
    await store.rename('app:a', 'app:b');
    await store.rename('app:b', 'app:c');
    expect([await store.movedTo('app:a'), await store.movedTo('app:b')]).to.deep.equal(['app:c', 'app:c']);
    await store.destroy('app:c');
    expect([await store.movedTo('app:a'), await store.movedTo('app:b')]).to.deep.equal([undefined, undefined]);
  });

  it("keeps a session's latest 8 old keys, so one rotated on every request holds no more", async () => {
    const store = new MemoryStore();
    await store.create(record('app:0'));
    for (let turn = 1; turn <= 10; turn++) await store.rename(`app:${turn - 1}`, `app:${turn}`);
    const forwarded = [];
    for (let turn = 0; turn < 10; turn++) forwarded.push(await store.movedTo(`app:${turn}`));
    expect(forwarded).to.deep.equal([undefined, undefined, ...Array(8).fill('app:10')]);
  });
});
