/**
 * The core of the store contract: get / create / update (partial writes) / destroy, seen from one
 * machine and from a second one on the same sessions. Run by `describeStoreContract` for every store.
 */
import { expect } from 'chai';
import { generateSessionId } from '../../common/ids.js';
import type { SessionPatch, SessionRecord } from '../../common/record.js';
import type { SessionStore } from '../../main/session/store.js';
import type { StoreContractSubject } from './store-contract.js';

export const T0 = 1_700_000_000_000;

/** A well-formed session id that no store has seen. */
export const newId = generateSessionId;

export function record(
  attributes: Array<[string, unknown]> = [],
  overrides: Partial<SessionRecord> = {},
): SessionRecord {
  return {
    id: newId(),
    creationTime: T0,
    lastAccessedTime: T0,
    maxInactiveInterval: 1800,
    isNew: true,
    attributes: attributes.map(([name, value]) => [name, JSON.stringify(value)]),
    ...overrides,
  };
}

function patch(changes: Partial<SessionPatch>): SessionPatch {
  return { set: [], removed: [], ...changes };
}

function names(stored: SessionRecord | undefined): string[] {
  return (stored?.attributes ?? []).map(([name]) => name);
}

export function describeCoreContract(name: string, subject: StoreContractSubject): void {
  describe(`${name}: store contract (get, create, partial update, destroy)`, () => {
    let store: SessionStore;
    const extra: SessionStore[] = [];

    beforeEach(async () => {
      store = await subject.create();
    });
    afterEach(async () => {
      for (const other of extra.splice(0)) await subject.dispose(other);
      await subject.dispose(store);
    });

    async function peer(): Promise<SessionStore> {
      const other = await subject.peer(store);
      extra.push(other);
      return other;
    }

    describe('get / create', () => {
      it('get of an unknown id is undefined', async () => {
        expect(await store.get(newId())).to.equal(undefined);
      });

      it('create stores the whole record, attributes in insertion order, and get returns it', async () => {
        const created = record(
          [
            ['zeta', 'z'],
            ['alpha', 1],
            ['middle', { nested: [true, null, 'ü ✓'] }],
          ],
          { isNew: false, lastAccessedTime: T0 + 5 },
        );
        expect(await store.create(created)).to.equal(true);
        expect(await store.get(created.id)).to.deep.equal(created);
        expect(await (await peer()).get(created.id)).to.deep.equal(created);
      });

      it('keeps attribute names that look like layout fields apart from the metadata', async () => {
        const created = record([
          ['m:created', 'not a time'],
          ['a:x', 2],
          ['m:new', 'yes'],
          ['with:colon and space', 3],
          ['😀', 4],
        ]);
        await store.create(created);
        const stored = await store.get(created.id);
        expect(stored).to.deep.equal(created);
        expect(stored?.creationTime).to.equal(T0);
      });

      it('strings round-trip exactly, large ones included', async () => {
        const text = 'line\nquote" back\\slash \u0000 \u2028 ' + 'x'.repeat(100_000);
        const created = record([['text', text]]);
        await store.create(created);
        const json = (await store.get(created.id))?.attributes[0]?.[1] ?? 'null';
        expect(JSON.parse(json)).to.equal(text);
      });

      it('create of an existing id answers false and leaves the stored session as it was', async () => {
        const created = record([['a', 1]]);
        await store.create(created);
        expect(await (await peer()).create({ ...created, attributes: [['b', '2']] })).to.equal(false);
        expect(await store.get(created.id)).to.deep.equal(created);
      });

      it('keeps sessions that never expire (interval 0 or negative)', async () => {
        const never = record([], { maxInactiveInterval: 0 });
        const negative = record([], { maxInactiveInterval: -1 });
        await store.create(never);
        await store.create(negative);
        expect(await store.get(never.id)).to.deep.equal(never);
        expect(await store.get(negative.id)).to.deep.equal(negative);
      });
    });

    describe('update (partial writes)', () => {
      it('adds, replaces and removes only what the patch names', async () => {
        const created = record([
          ['a', 1],
          ['b', 2],
          ['c', 3],
        ]);
        await store.create(created);
        expect(
          await store.update(
            created.id,
            patch({
              set: [
                ['b', '20'],
                ['d', '4'],
              ],
              removed: ['a'],
            }),
          ),
        ).to.equal(true);
        const stored = await store.get(created.id);
        expect(stored?.attributes).to.deep.equal([
          ['b', '20'],
          ['c', '3'],
          ['d', '4'],
        ]);
        expect(stored?.lastAccessedTime).to.equal(T0);
        expect(stored?.isNew).to.equal(true);
      });

      it('a replaced attribute keeps its place; a removed and re-added one moves to the end', async () => {
        const created = record([
          ['a', 1],
          ['b', 2],
          ['c', 3],
        ]);
        await store.create(created);
        await store.update(created.id, patch({ set: [['a', '10']] }));
        expect(names(await store.get(created.id))).to.deep.equal(['a', 'b', 'c']);
        await store.update(created.id, patch({ removed: ['a'] }));
        await store.update(created.id, patch({ set: [['a', '11']] }));
        expect(names(await store.get(created.id))).to.deep.equal(['b', 'c', 'a']);
      });

      it('a metadata-only patch changes the metadata and keeps every attribute', async () => {
        const created = record([['a', 1]]);
        await store.create(created);
        await store.update(created.id, patch({ lastAccessedTime: T0 + 1000, maxInactiveInterval: 60, isNew: false }));
        expect(await store.get(created.id)).to.deep.equal({
          ...created,
          lastAccessedTime: T0 + 1000,
          maxInactiveInterval: 60,
          isNew: false,
        });
      });

      it('two concurrent patches of different attributes, from two machines, both survive', async () => {
        const created = record([['shared', 0]]);
        await store.create(created);
        const other = await peer();
        const results = await Promise.all([
          store.update(created.id, patch({ set: [['fromA', '"a"']], lastAccessedTime: T0 + 1 })),
          other.update(created.id, patch({ set: [['fromB', '"b"']], lastAccessedTime: T0 + 2 })),
        ]);
        expect(results).to.deep.equal([true, true]);
        const stored = await store.get(created.id);
        // A store of whole sessions keeps only the last write (documented); the others keep both.
        const expected = subject.wholeSessionWrites
          ? [
              ['shared', '0'],
              stored?.attributes.some(([name]) => name === 'fromA') ? ['fromA', '"a"'] : ['fromB', '"b"'],
            ]
          : [
              ['shared', '0'],
              ['fromA', '"a"'],
              ['fromB', '"b"'],
            ];
        expect(new Map(stored?.attributes)).to.deep.equal(new Map(expected as Array<[string, string]>));
      });

      it('an update of an unknown id answers false and creates nothing', async () => {
        const id = newId();
        expect(await store.update(id, patch({ set: [['a', '1']], lastAccessedTime: T0 }))).to.equal(false);
        expect(await store.get(id)).to.equal(undefined);
      });

      it('an update after another machine destroyed the session does not bring it back', async () => {
        const created = record([['a', 1]]);
        await store.create(created);
        await (await peer()).destroy(created.id);
        expect(await store.update(created.id, patch({ set: [['b', '2']], lastAccessedTime: T0 + 1 }))).to.equal(false);
        expect(await store.get(created.id)).to.equal(undefined);
      });
    });

    describe('destroy / count', () => {
      it('destroy removes the session for every machine; destroying an absent one is a no-op', async () => {
        const created = record();
        await store.create(created);
        await store.destroy(created.id);
        await store.destroy(created.id);
        expect(await store.get(created.id)).to.equal(undefined);
        expect(await (await peer()).get(created.id)).to.equal(undefined);
      });

      it('count follows creates and destroys', async () => {
        const first = record();
        const second = record();
        expect(await store.count?.()).to.equal(0);
        await store.create(first);
        await store.create(second);
        expect(await store.count?.()).to.equal(2);
        await store.destroy(first.id);
        expect(await store.count?.()).to.equal(1);
      });
    });
  });
}
