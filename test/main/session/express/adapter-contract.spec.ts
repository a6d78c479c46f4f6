/**
 * The store contract run against an express-session store through the adapter (express-session's
 * MemoryStore): the core and the manager contract, with whole-session writes (the last of two
 * concurrent writes wins), every end and rotation told once (the peer being the store itself:
 * one process), and a request's writes after another request's rotation following the session to
 * its new id (the adapter's forwarding, `movedTo`), as docs/embedding.md says.
 */
import session from 'express-session';
import { ExpressStoreAdapter } from '../../../../main/session/express/express-store-adapter.js';
import { describeCoreContract } from '../../../support/store-contract-core.js';
import { describeEndOnceContract } from '../../../support/store-contract-end-once.js';
import { describeExpiryOnceContract } from '../../../support/store-contract-expiry-once.js';
import { describeFollowContract } from '../../../support/store-contract-follow.js';
import { describeManagerContract } from '../../../support/store-contract-manager.js';
import type { StoreContractSubject } from '../../../support/store-contract.js';

const subject: StoreContractSubject = {
  create: async () => new ExpressStoreAdapter(new session.MemoryStore()),
  peer: async (store) => store,
  dispose: async () => undefined,
  wholeSessionWrites: true,
};

describeCoreContract('ExpressStoreAdapter (express-session MemoryStore)', subject);
describeManagerContract('ExpressStoreAdapter (express-session MemoryStore)', subject);
describeExpiryOnceContract('ExpressStoreAdapter (express-session MemoryStore)', subject);
describeEndOnceContract('ExpressStoreAdapter (express-session MemoryStore)', subject);
describeFollowContract('ExpressStoreAdapter (express-session MemoryStore)', subject);
