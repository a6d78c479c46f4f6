/**
 * The facades by module name, and the one entry point the sandbox calls for every guest call. It
 * holds the rules every facade function shares: `isValid()` tells whether an HTTP request is being
 * served; every other function throws `ERR_NO_HTTP_REQUEST` without one. Errors become
 * `ErrorDescriptor`s so the guest can rebuild them: error classes and extra fields do not survive
 * the isolate boundary.
 */
import { describeError, type ErrorDescriptor, NoHttpRequestError, UnknownFunctionError } from '../../common/errors.js';
import { assertFacade } from './assert.js';
import type { Facade, FacadeFunction, Primitive, RequestContext } from './context.js';
import { consoleFacade } from './console.js';
import { requestFacade } from './request.js';
import { responseFacade } from './response.js';
import { rsFacade } from './rs.js';
import { sessionFacade } from './session.js';
import { clientFacade } from './client.js';
import { uploadFacade } from './upload.js';
import { utilsFacade } from './utils.js';

const facades: ReadonlyMap<string, Facade> = new Map([
  ['session', sessionFacade],
  ['request', requestFacade],
  ['response', responseFacade],
  ['rs', rsFacade],
  ['assert', assertFacade],
  ['console', consoleFacade],
  ['upload', uploadFacade],
  ['client', clientFacade],
  ['utils', utilsFacade],
]);

/** The one function of every facade that works without an HTTP request. */
const IS_VALID = 'isValid';

/** A facade function with its names; `isValid` has no implementation (`invoke` answers it). */
interface NamedFunction {
  facade: string;
  name: string;
  implementation: FacadeFunction | undefined;
}

/** The facade functions in the order `FACADE_FUNCTIONS` numbers them. */
const numbered: readonly NamedFunction[] = [...facades].flatMap(([facade, functions]) => [
  { facade, name: IS_VALID, implementation: undefined },
  ...Object.entries(functions)
    .filter(([name]) => name !== IS_VALID)
    .map(([name, implementation]) => ({ facade, name, implementation })),
]);

/**
 * Every facade function, as `[facade, function]`, numbered by position: the guest kernel calls
 * them by number (a number crosses the isolate boundary for nothing; two names are copied, then
 * looked up, on every call). Each facade has `isValid`.
 */
export const FACADE_FUNCTIONS: ReadonlyArray<readonly [string, string]> = numbered.map(
  ({ facade, name }) => [facade, name] as const,
);

/**
 * `callFacade` for the function numbered `number` in `FACADE_FUNCTIONS`. The kernel calls a
 * function it has no number for as number -1 with `args` `[facade, function]`, which answers
 * that there is no such function.
 */
export function callFacadeNumbered(
  context: RequestContext | undefined,
  number: unknown,
  args: readonly unknown[],
): Primitive | ErrorDescriptor {
  const entry = typeof number === 'number' ? numbered[number] : undefined;
  if (entry === undefined) return describeError(new UnknownFunctionError(String(args[0]), String(args[1])));
  return invoke(context, entry.name, entry.implementation, args);
}

/**
 * Calls `facade.fn(...args)` for `context`. Returns the result, or an `ErrorDescriptor` object
 * when it threw (facade results are never objects, so the guest can tell them apart).
 */
export function callFacade(
  context: RequestContext | undefined,
  facade: unknown,
  fn: unknown,
  args: readonly unknown[],
): Primitive | ErrorDescriptor {
  const functions = facades.get(String(facade));
  const name = String(fn);
  const implementation = functions !== undefined && Object.hasOwn(functions, name) ? functions[name] : undefined;
  if (functions === undefined || (implementation === undefined && name !== IS_VALID))
    return describeError(new UnknownFunctionError(String(facade), name));
  return invoke(context, name, implementation, args);
}

/** Calls a facade function that exists, by the rules every one shares (see the top of this file). */
function invoke(
  context: RequestContext | undefined,
  name: string,
  implementation: FacadeFunction | undefined,
  args: readonly unknown[],
): Primitive | ErrorDescriptor {
  if (name === IS_VALID || implementation === undefined) return context !== undefined;
  try {
    if (context === undefined) throw new NoHttpRequestError(name);
    return implementation(context, args);
  } catch (error) {
    return describeError(error);
  }
}
