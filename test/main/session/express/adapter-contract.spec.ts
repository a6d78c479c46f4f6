/**
 * The store contract run against an express-session store through the adapter (express-session's
 * MemoryStore): the core and the manager contract, with whole-session writes (the last of two
 * concurrent writes wins), as docs/embedding.md says.
 */
import session from 'express-session';
import { ExpressStoreAdapter } from '../../../../main/session/express/express-store-adapter.js';
import { describeCoreContract } from '../../../support/store-contract-core.js';
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
