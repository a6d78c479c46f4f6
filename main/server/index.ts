/**
 * Public API of the package.
 */
export { createRuntime, type Runtime, type NextFunction } from './runtime.js';
export type { RuntimeOptions } from './options.js';
export { SessionManager, type SessionManagerOptions, type CommitResult } from '../session/manager.js';
export { HttpSession } from '../session/http-session.js';
export { SessionAdmin, type SessionSummary, type SessionPage, sessionIdHash } from '../session/session-admin.js';
export type { Logger, LogLevel } from '../ops/logger.js';
export { HttpSessionEvent, HttpSessionBindingEvent, type SessionListener } from '../session/listeners.js';
export type { HttpSessionActivationListener, HttpSessionBindingListener } from '../session/bound-values.js';
export type { ServletContext, HttpSessionContext, ApplicationInfo } from '../session/servlet-context.js';
export { generateSessionId } from '../../common/ids.js';
export { MemoryStore } from '../session/memory-store.js';
export { RedisStore, type RedisStoreOptions, type RedisConnection } from '../session/redis/redis-store.js';
export type { AttributeSerializer } from '../session/redis/redis-layout.js';
export type { SessionStore } from '../session/store.js';
export type { SessionRecord, SessionPatch } from '../../common/record.js';
export type { SessionCookieOptions } from '../session/cookie.js';
export type { Clock } from '../session/clock.js';
export {
  CodedError,
  SessionInvalidatedError,
  NoHttpRequestError,
  SessionLimitError,
  StoreUnavailableError,
  InvalidOptionError,
  InvalidAttributeError,
  InvalidSessionIdError,
} from '../../common/errors.js';
export {
  ScriptTimeoutError,
  MemoryLimitError,
  WorkerCrashedError,
  NoWorkerError,
  ModuleNotFoundError,
  StoreUnsupportedError,
  SessionNotFoundError,
  ShuttingDownError,
  ShutdownTimeoutError,
} from '../../common/errors.js';
export type { AuthenticatedUser, Authenticate } from './users.js';
export type { EmbeddingOptions } from './embedding-options.js';
export { hashPassword, verifyPassword } from './password-hash.js';
export { ExpressStoreAdapter, type ExpressSessionStore } from '../session/express/express-store-adapter.js';
export {
  BodyTimeoutError,
  CrossSiteRequestError,
  UnauthenticatedError,
  AuthFailedError,
  NoAppSessionError,
} from '../../common/errors.js';
