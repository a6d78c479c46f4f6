/**
 * The guest kernel as a new context boots it, with real isolates: what the boot leaves on the
 * global, how the kernel finds a facade function's number in the host's table, and module exports
 * that are ordinary objects whether the context serves one request (a dictionary at first, see
 * `newExports` in kernel.js) or many.
 */
import { expect } from 'chai';
import { FACADE_FUNCTIONS } from '../../../worker/facade/registry.js';
import { type GuestBridge, SandboxContext } from '../../../worker/sandbox/sandbox-context.js';
import { SandboxIsolate } from '../../../worker/sandbox/sandbox-isolate.js';

const RUN_LIMIT_MS = 30_000;

/** A bridge that records the facade calls it gets and defines `lib.js` or the API module `probe` on load. */
function recordingBridge(modules: Record<string, { source: string; api: boolean }>) {
  const calls: unknown[][] = [];
  const bridge: GuestBridge = {
    callFacade: (number, args) => {
      calls.push([number, ...args]);
      return 'answer';
    },
    load: (context, _fromId, specifier) => {
      const module = modules[specifier];
      if (module === undefined) return { name: 'Error', code: 'ERR_MODULE_NOT_FOUND', message: specifier };
      context.define(specifier, module.source, module.api, RUN_LIMIT_MS);
      return specifier;
    },
    settle: () => undefined,
    following: () => undefined,
  };
  return { calls, bridge };
}

function numberOf(facade: string, fn: string): number {
  return FACADE_FUNCTIONS.findIndex(([name, function_]) => name === facade && function_ === fn);
}

describe('the guest kernel in a new context', () => {
  let isolate: SandboxIsolate;
  beforeEach(() => {
    isolate = new SandboxIsolate(32);
  });
  afterEach(() => isolate.dispose());

  function run(bridge: GuestBridge, main: string, singleUse: boolean): string | undefined {
    const context = new SandboxContext(isolate, bridge, singleUse);
    try {
      context.define('main.js', main, false, RUN_LIMIT_MS);
      return context.runSeries('main.js', 1, RUN_LIMIT_MS, 0);
    } finally {
      context.release();
    }
  }

  it('leaves none of its boot arguments on the global, and no WebAssembly or Atomics.waitAsync', () => {
    const { bridge } = recordingBridge({});
    const outcome = run(
      bridge,
      // dirigibleRequire is Dirigible 10's global require(), meant for scripts.
      `const names = Object.getOwnPropertyNames(globalThis).filter((name) => /dirigible|boot|functionTable/i.test(name) && name !== 'dirigibleRequire');
       if (names.length > 0) throw new Error('left on the global: ' + names.join());
       if (typeof WebAssembly !== 'undefined' || typeof Atomics.waitAsync !== 'undefined') throw new Error('not hardened');`,
      true,
    );
    expect(outcome).to.equal(undefined);
  });

  it('calls a facade function by its number, and a name that is no facade function as -1 with the names', () => {
    const probe = `exports.call = (facade, fn) => kernel.call(facade, fn, 'a');`;
    const { calls, bridge } = recordingBridge({ probe: { source: probe, api: true } });
    const outcome = run(
      bridge,
      `const probe = require('probe');
       probe.call('session', 'getId');
       probe.call('session', 'getId');
       probe.call('response', 'getStatus');
       probe.call('session', 'isValid=0,session.getId');
       probe.call('session.getId', 'x');
       probe.call('__proto__', 'constructor');
       probe.call('nothing', 'getId');`,
      true,
    );
    expect(outcome).to.equal(undefined);
    const getId = numberOf('session', 'getId');
    const getStatus = numberOf('response', 'getStatus');
    expect(getId).to.be.at.least(0);
    expect(getStatus).to.be.at.least(0);
    expect(calls.map((call) => call.slice(0, 3))).to.deep.equal([
      [getId, 'a', undefined],
      [getId, 'a', undefined],
      [getStatus, 'a', undefined],
      [-1, 'session', 'isValid=0,session.getId'],
      [-1, 'session.getId', 'x'],
      [-1, '__proto__', 'constructor'],
      [-1, 'nothing', 'getId'],
    ]);
  });

  for (const singleUse of [true, false]) {
    it(`gives modules ordinary exports objects (${singleUse ? 'a context for one request' : 'a warm context'})`, () => {
      const lib = `exports.b = 2; exports.a = 1; exports.c = function c() { return 3; }; delete exports.a; exports.a = 4;`;
      const { bridge } = recordingBridge({ 'lib.js': { source: lib, api: false } });
      const outcome = run(
        bridge,
        `const lib = require('lib.js');
         const checks = {
           prototype: Object.getPrototypeOf(lib) === Object.prototype && Object.getPrototypeOf(exports) === Object.prototype,
           order: Object.keys(lib).join() === 'b,c,a' && JSON.stringify(lib) === '{"b":2,"a":4}',
           methods: lib.hasOwnProperty('b') && !lib.hasOwnProperty('toString') && String(lib) === '[object Object]',
           values: lib.c() === 3 && lib.a + lib.b === 6 && Object.isExtensible(lib),
           self: this === exports,
         };
         const failed = Object.keys(checks).filter((name) => !checks[name]);
         if (failed.length > 0) throw new Error('failed: ' + failed.join());`,
        singleUse,
      );
      expect(outcome).to.equal(undefined);
    });
  }
});
