/**
 * V8 flags a sandbox worker sets for the contexts it creates, once its own Node realm (which keeps
 * them as they were) is up. `--no-expose-wasm --no-validate-asm` keep V8 from building WebAssembly
 * into every new context: scripts never see it (the kernel's hardening removes it, as its memory is
 * not counted against the isolate's limit), and building it was about a tenth of a worker's CPU per
 * request with `--isolation request`, which makes a context for every request. Without
 * `--no-validate-asm` V8 still builds it, hidden, to run asm.js through it; asm.js code then runs
 * as the plain JavaScript it also is. The worker's own realm keeps its `WebAssembly`, which
 * es-module-lexer needs. `--no-harmony-rab-gsab` leaves resizable `ArrayBuffer`s and growable
 * `SharedArrayBuffer`s out of the language (`maxByteLength` is ignored, there is no `resize` nor
 * `grow`): their memory is not counted against the isolate's limit either, so a script held 500 MB
 * in a worker limited to 128 MB, across requests. Node's own code (this worker's realm) uses none.
 * `--enable-experimental-regexp-engine-on-excessive-backtracks` moves a regular expression that
 * backtracks more than V8's bound (50,000 backtracks) to V8's linear-time engine, which gives the
 * same matches: `/^(a+)+$/` against 40 `a`s and a `b`, or an rs path template such as
 * `:a-:b-:c-:d.json` against a URL of 500 dashes, held the worker for the whole time limit on
 * every such request; now they answer in milliseconds. Expressions that engine cannot run
 * (backreferences, lookarounds) still backtrack, and the time limit still ends them.
 * `--no-expose-gc`: a worker starts with `--expose-gc`, so that its own realm has V8's `gc` for its
 * collections (external-garbage.ts); contexts made from then on, the isolates' among them, get none
 * (a `gc` in every script's global otherwise, which it cannot delete).
 */
import { setFlagsFromString } from 'node:v8';

/** The flags, in the order they are set. */
export const contextFlags: readonly string[] = [
  '--no-expose-wasm',
  '--no-validate-asm',
  '--no-harmony-rab-gsab',
  '--enable-experimental-regexp-engine-on-excessive-backtracks',
  '--no-expose-gc',
];

/** Sets `contextFlags` for every context created from now on in this process. */
export function applyContextFlags(): void {
  for (const flag of contextFlags) setFlagsFromString(flag);
}
