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
