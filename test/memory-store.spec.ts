/**
 * The memory store against the shared store contract, plus what is particular to it.
 */
import { expect } from 'chai';
import { MemoryStore } from '../session/memory-store.js';
import type { SessionStore } from '../session/store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('MemoryStore', {
  create: async () => new MemoryStore(),
  // One process: a second machine would not share a memory store, so the peer is the store itself.
  peer: async (store) => store,
  dispose: async (store) => store.close?.(),
});

describe('MemoryStore', () => {
  it('is not distributed: sessions live in this process', () => {
    const store: SessionStore = new MemoryStore();
    expect(store.distributed).to.not.equal(true);
  });
});
