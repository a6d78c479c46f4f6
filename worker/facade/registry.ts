/**
 * The facades by module name, and the one entry point the sandbox calls for every guest call.
 * Errors become `{ name, code, message }` so the guest can rebuild them: error classes and
 * extra fields do not survive the isolate boundary.
 */
import type { Facade, Primitive, RequestContext } from './context.js';
import { requestFacade } from './request.js';
import { responseFacade } from './response.js';
import { sessionFacade } from './session.js';
import { clientFacade } from './client.js';
import { uploadFacade } from './upload.js';

const facades: ReadonlyMap<string, Facade> = new Map([
  ['session', sessionFacade],
  ['request', requestFacade],
  ['response', responseFacade],
  ['upload', uploadFacade],
  ['client', clientFacade],
]);

/** How a host error crosses into the guest. */
export interface ErrorDescriptor {
  name: string;
  code: string;
  message: string;
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
  const implementation =
    functions !== undefined && Object.hasOwn(functions, String(fn)) ? functions[String(fn)] : undefined;
  if (implementation === undefined) {
    return {
      name: 'TypeError',
      code: 'ERR_UNKNOWN_FUNCTION',
      message: `${String(facade)}.${String(fn)} is not a function`,
    };
  }
  try {
    return implementation(context, args);
  } catch (error) {
    return describeError(error);
  }
}

/** `{ name, code, message }` of any thrown value. */
export function describeError(error: unknown): ErrorDescriptor {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, code: typeof code === 'string' ? code : 'ERR_INTERNAL', message: error.message };
  }
  return { name: 'Error', code: 'ERR_INTERNAL', message: String(error) };
}
