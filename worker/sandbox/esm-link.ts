/**
 * Linking ES modules without a throwing resolver. isolated-vm 5 crashes the process when the
 * resolver handed to `instantiateSync` throws, so every dependency is resolved beforehand and
 * the resolver only looks the answer up. An import it cannot find (never expected) links to a
 * module that throws when evaluated.
 */
import type ivm from 'isolated-vm';

/** For each module, its import specifiers and the modules they resolved to. */
export type ModuleLinks = ReadonlyMap<ivm.Module, ReadonlyMap<string, ivm.Module>>;

/** Instantiates `module` in `context` with the dependencies in `links`. */
export function instantiate(isolate: ivm.Isolate, context: ivm.Context, module: ivm.Module, links: ModuleLinks): void {
  module.instantiateSync(
    context,
    (specifier, referrer) => links.get(referrer)?.get(specifier) ?? unresolved(isolate, specifier),
  );
}

function unresolved(isolate: ivm.Isolate, specifier: string): ivm.Module {
  const message = JSON.stringify(`import: module "${specifier}" was not resolved`);
  return isolate.compileModuleSync(`throw new Error(${message});`, { filename: 'unresolved' });
}
