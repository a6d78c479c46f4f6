/**
 * The application a session belongs to, as `HttpSession.getServletContext()` describes it, and
 * the deprecated, empty `HttpSessionContext` of `getSessionContext()`.
 */
import { InvalidOptionError } from '../../common/errors.js';
import { SCRIPTS_BASE_PATH } from '../../common/mount-point.js';

const APPLICATION_NAME = /^[A-Za-z0-9._-]{1,64}$/;
/**
 * Names no application may take: a store keeps its own keys beside the sessions' under them (a
 * Redis store's session locks under `lock:`, its forwardings of rotated sessions under `moved:`), and
 * an application of that name would scan, count and sweep them as its sessions.
 */
const RESERVED_APPLICATION_NAMES: ReadonlySet<string> = new Set(['lock', 'moved']);

/** What describes an application; every field has a default. */
export interface ApplicationInfo {
  /** Application name; also separates the applications sharing one store. Default `'default'`. */
  name?: string;
  /** Directory of the application's scripts. Default: none (`''`). */
  root?: string;
  /** URL path the scripts are served under. Default `/services/js`. */
  basePath?: string;
  /** Init parameters (`getInitParameter`). Default: none. */
  initParameters?: Readonly<Record<string, string>>;
}

/** The application, read-only (a subset of `javax.servlet.ServletContext`). */
export interface ServletContext {
  readonly name: string;
  readonly root: string;
  readonly basePath: string;
  readonly initParameters: Readonly<Record<string, string>>;
  /** The application name. */
  getServletContextName(): string;
  /** The base path, `/services/js`. */
  getContextPath(): string;
  /** The init parameter's value, or `null`. */
  getInitParameter(name: string): string | null;
  /** The init parameter names, a fresh array. */
  getInitParameterNames(): string[];
}

/** `javax.servlet.http.HttpSessionContext`: deprecated since Servlet 2.1, and empty. */
export interface HttpSessionContext {
  /** Always `null`. */
  getSession(sessionId: string): null;
  /** Always an empty array. */
  getIds(): string[];
}

/** The one empty session context. */
export const emptySessionContext: HttpSessionContext = Object.freeze({
  getSession: () => null,
  getIds: () => [],
});

/** How an error names the fields of an `ApplicationInfo`: as the caller's options call them. */
export interface ApplicationOptionNames {
  readonly name: string;
  readonly initParameters: string;
}

/** The names `createRuntime` and the command line give them: `applicationName`, `initParameters`. */
export const RUNTIME_APPLICATION_NAMES: ApplicationOptionNames = {
  name: 'applicationName',
  initParameters: 'initParameters',
};

/**
 * Builds the frozen context of an application; throws `ERR_INVALID_OPTION` naming a bad field as
 * `names` says (the runtime's option names unless told otherwise).
 */
export function createServletContext(
  info: ApplicationInfo = {},
  names: ApplicationOptionNames = RUNTIME_APPLICATION_NAMES,
): ServletContext {
  const { name = 'default', root = '', basePath = SCRIPTS_BASE_PATH, initParameters = {} } = info;
  if (typeof name !== 'string' || !APPLICATION_NAME.test(name)) {
    throw new InvalidOptionError(names.name, 'must be 1 to 64 characters of A-Z a-z 0-9 . _ -');
  }
  if (RESERVED_APPLICATION_NAMES.has(name)) {
    throw new InvalidOptionError(names.name, `must not be "${name}": the session stores keep their own keys under it`);
  }
  if (
    typeof initParameters !== 'object' ||
    initParameters === null ||
    Object.values(initParameters).some((value) => typeof value !== 'string')
  ) {
    throw new InvalidOptionError(names.initParameters, 'must be an object of string values');
  }
  const parameters: Readonly<Record<string, string>> = Object.freeze({ ...initParameters });
  return Object.freeze({
    name,
    root,
    basePath,
    initParameters: parameters,
    getServletContextName: () => name,
    getContextPath: () => basePath,
    getInitParameter: (parameter: string) =>
      Object.hasOwn(parameters, parameter) ? (parameters[parameter] ?? null) : null,
    getInitParameterNames: () => Object.keys(parameters),
  });
}
