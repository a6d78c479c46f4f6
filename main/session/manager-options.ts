/**
 * Options of the `SessionManager`, their defaults, and their check: a bad option throws
 * `ERR_INVALID_OPTION` naming it, once, at construction.
 */
import { type Clock, systemClock } from './clock.js';
import { InvalidOptionError } from '../../common/errors.js';
import { MAX_INTERVAL_SECONDS } from '../../common/interval-seconds.js';
import { checkListener, type SessionListener } from './listeners.js';
import { MemoryStore } from './memory-store.js';
import {
  type ApplicationInfo,
  type ApplicationOptionNames,
  createServletContext,
  type ServletContext,
} from './servlet-context.js';
import type { SessionStore } from './store.js';
import { type ExpressSessionStore, toSessionStore } from './express/express-store-adapter.js';

export interface SessionManagerOptions {
  /**
   * Where sessions live. Default: a new `MemoryStore` (one process). An express-session store
   * (connect-redis …) is accepted too, through an adapter with weaker guarantees (docs/embedding.md).
   */
  store?: SessionStore | ExpressSessionStore;
  /** Time source. Default: the system clock. */
  clock?: Clock;
  /** Idle timeout of new sessions in seconds; `<= 0` never expires. Default 1800. */
  maxInactiveInterval?: number;
  /** Seconds from creation after which a session expires however active it is; `0` means none. Default 0. */
  absoluteTimeout?: number;
  /** Most sessions of this application that may exist at once; creating one more fails with `ERR_SESSION_LIMIT` (the runtime answers 503). Default: no limit. */
  maxActiveSessions?: number;
  /** Milliseconds between sweeps for expired sessions; 0 disables the timer. Default 60000. */
  sweepInterval?: number;
  /** The application: its name (which prefixes every store key), root, base path and init parameters. */
  application?: ApplicationInfo;
  /** Session listeners, called in this order. Default: none. */
  listeners?: readonly SessionListener[];
  /** Tell `sessionWillPassivate` / `sessionDidActivate` around every store write / read. Default: `store.distributed === true`. */
  passivation?: boolean;
  /** Where failing listeners and failing sweeps are reported. Default `console.error`. */
  log?: (line: string, level?: 'info' | 'warn') => void;
  /**
   * Session attribute whose value (a string) is the session's principal, by which operators find
   * and end a user's sessions. Default: none (the authenticated user, when the runtime knows one).
   */
  principalAttribute?: string;
}

export interface ResolvedManagerOptions {
  store: SessionStore;
  clock: Clock;
  maxInactiveInterval: number;
  absoluteTimeout: number;
  maxActiveSessions: number | undefined;
  sweepInterval: number;
  servletContext: ServletContext;
  listeners: readonly SessionListener[];
  passivation: boolean;
  log: (line: string, level?: 'info' | 'warn') => void;
  principalAttribute: string | undefined;
}

/**
 * Every option the manager takes, so a misspelled one (or `applicationName`, which is the runtime's:
 * the manager takes `application: { name }`) fails at construction instead of being ignored.
 */
const KNOWN: Record<keyof SessionManagerOptions, true> = {
  store: true,
  clock: true,
  maxInactiveInterval: true,
  absoluteTimeout: true,
  maxActiveSessions: true,
  sweepInterval: true,
  application: true,
  listeners: true,
  passivation: true,
  log: true,
  principalAttribute: true,
};

/** The manager takes the application as one option: its fields are named under it. */
const MANAGER_APPLICATION_NAMES: ApplicationOptionNames = {
  name: 'application.name',
  initParameters: 'application.initParameters',
};

const APPLICATION_FIELDS: readonly string[] = ['name', 'root', 'basePath', 'initParameters'];

/**
 * The `application` option when it is an object of `ApplicationInfo`'s fields, the two paths
 * strings; throws `ERR_INVALID_OPTION` naming what is not (an unknown field would otherwise be
 * ignored, and a misspelt `name` put the sessions in the default application).
 */
function checkedApplication(application: unknown): ApplicationInfo {
  if (application === undefined) return {};
  if (typeof application !== 'object' || application === null || Array.isArray(application))
    throw new InvalidOptionError('application', 'must be an object { name, root, basePath, initParameters }');
  const unknown = Object.keys(application).filter((field) => !APPLICATION_FIELDS.includes(field));
  if (unknown.length > 0) {
    throw new InvalidOptionError(
      unknown.map((field) => `application.${field}`).join('", "'),
      `is not a field of application (known: ${APPLICATION_FIELDS.join(', ')})`,
    );
  }
  for (const field of ['root', 'basePath'] as const) {
    const value = (application as ApplicationInfo)[field];
    if (value !== undefined && typeof value !== 'string')
      throw new InvalidOptionError(`application.${field}`, 'must be a string');
  }
  return application as ApplicationInfo;
}

/** Fills in defaults and validates; throws naming the first bad option. */
export function resolveManagerOptions(options: SessionManagerOptions): ResolvedManagerOptions {
  const unknown = Object.keys(options ?? {}).filter((name) => !Object.hasOwn(KNOWN, name));
  if (unknown.length > 0)
    throw new InvalidOptionError(unknown.join('", "'), 'is not an option of SessionManager (misspelled?)');
  const {
    store: given = new MemoryStore(),
    clock = systemClock,
    maxInactiveInterval = 1800,
    absoluteTimeout = 0,
    sweepInterval = 60_000,
    listeners = [],
    log = (line: string) => console.error(line),
  } = options;
  const store = toSessionStore(given);
  if (typeof clock?.now !== 'function') throw new InvalidOptionError('clock', 'must have a now() method');
  if (!(Number.isFinite(maxInactiveInterval) && Math.abs(maxInactiveInterval) <= MAX_INTERVAL_SECONDS))
    throw new InvalidOptionError('maxInactiveInterval', `must be a number of seconds up to ${MAX_INTERVAL_SECONDS}`);
  if (!(Number.isInteger(absoluteTimeout) && absoluteTimeout >= 0))
    throw new InvalidOptionError('absoluteTimeout', 'must be a whole number of seconds >= 0');
  if (
    options.maxActiveSessions !== undefined &&
    !(Number.isInteger(options.maxActiveSessions) && options.maxActiveSessions > 0)
  ) {
    throw new InvalidOptionError('maxActiveSessions', 'must be a whole number > 0');
  }
  if (!(Number.isInteger(sweepInterval) && sweepInterval >= 0))
    throw new InvalidOptionError('sweepInterval', 'must be a whole number of ms >= 0');
  if (!Array.isArray(listeners)) throw new InvalidOptionError('listeners', 'must be an array of session listeners');
  for (const [index, listener] of listeners.entries()) checkListener(`listeners[${index}]`, listener);
  const passivation = options.passivation ?? store.distributed === true;
  if (typeof passivation !== 'boolean') throw new InvalidOptionError('passivation', 'must be a boolean');
  if (typeof log !== 'function') throw new InvalidOptionError('log', 'must be a function');
  const { principalAttribute } = options;
  if (principalAttribute !== undefined && (typeof principalAttribute !== 'string' || principalAttribute === ''))
    throw new InvalidOptionError('principalAttribute', 'must be a non-empty attribute name');
  return {
    store,
    clock,
    maxInactiveInterval: Math.trunc(maxInactiveInterval),
    absoluteTimeout,
    maxActiveSessions: options.maxActiveSessions,
    sweepInterval,
    servletContext: createServletContext(checkedApplication(options.application), MANAGER_APPLICATION_NAMES),
    listeners,
    passivation,
    log,
    principalAttribute,
  };
}
