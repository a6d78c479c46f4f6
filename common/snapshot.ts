/**
 * What the main process hands a sandbox worker for one request: plain data that crosses the
 * process boundary as frames (JSON, the body as bytes: sandbox/frame-channel.ts) and then the
 * isolate boundary as primitives and JSON.
 */
import type { SessionRecord } from './record.js';
import type { UploadSnapshot } from './upload.js';

/** The HTTP request as a script sees it. */
export interface RequestSnapshot {
  /** Epoch ms when the request was received (the session's access time). */
  time: number;
  method: string;
  /**
   * Path and query as the client sent them, e.g. `/services/js/app.js/items?id=1`; under an app's
   * mount point (`app.use('/scripts', runtime.handler)`) it starts with it: `/scripts/services/js/…`.
   */
  url: string;
  protocol: string;
  /** `http` or `https` (after `trustProxy`). */
  scheme: string;
  secure: boolean;
  /**
   * The headers as received: `name, value, name, value …`, names as the client spelled them, in
   * the order sent (Node's `rawHeaders`); see request-headers.ts for the views scripts get.
   */
  rawHeaders: string[];
  body: Uint8Array;
  remoteAddress: string;
  remotePort: number;
  localAddress: string;
  localPort: number;
  serverName: string;
  serverPort: number;
  /**
   * Where the embedding app mounted the runtime (Express's `req.baseUrl`), e.g. `/scripts`; `''` at
   * the root. It is the servlet context path scripts see (`request.getContextPath()`).
   */
  mountPath: string;
  /** The mount the request came through, `/services/js` or `/services/ts`, under `mountPath`. */
  contextPath: string;
  /** Script path under the root, e.g. `app.js`. */
  scriptPath: string;
  /** Text after `.js/`, e.g. `items`; empty when none. */
  resourcePath: string;
  /** True when the request carried a session cookie (the client accepts cookies). */
  cookieSent: boolean;
  /** The authenticated user (`authenticate` option, `req.user`, or HTTP Basic users); absent when none. */
  user?: RequestUser;
  /** The parts of a multipart/form-data body, parsed by the main process (uploads); absent otherwise. */
  upload?: UploadSnapshot;
}

/** Who sent the request, as `getRemoteUser()`, `isUserInRole()` and `getAuthType()` tell it. */
export interface RequestUser {
  name: string;
  roles: string[];
  /** `BASIC`, `FORM` … or `null` when the embedder did not say. */
  authType: string | null;
}

/** A stored session handed into the sandbox: its record, as the store keeps it. */
export type SessionSnapshot = SessionRecord;

/** How the sandbox may create sessions during this request. */
export interface SessionSettings {
  /** Max inactive interval of a new session, seconds. */
  maxInactiveInterval: number;
  /** False when the session cap is reached: creating a session throws `ERR_SESSION_LIMIT`. */
  canCreate: boolean;
  /** The cap, for the error message. */
  maxActiveSessions: number;
  /** Path parameter that carries the session id in rewritten URLs (`jsessionid`), or `null` when URL rewriting is off. */
  urlParameter: string | null;
  /** Set when the store did not answer: the run goes on without a session, and any session call throws `ERR_STORE_UNAVAILABLE` with this detail. */
  storeUnavailable?: string;
  /**
   * Set when the main process ran the script without loading its session (the script's last run
   * did not use it): on first use the sandbox asks for it with a `session` host call naming this
   * number, and takes the snapshot and settings of the answer (common/host-call.ts).
   */
  deferred?: number;
}

/** One change a script made to the session, applied in order by the main process. */
export type SessionOp =
  | { op: 'access' }
  | { op: 'create'; id: string }
  | { op: 'set'; name: string; json: string }
  | { op: 'remove'; name: string }
  | { op: 'maxInactiveInterval'; seconds: number }
  | { op: 'changeId'; id: string }
  | { op: 'invalidate' };

/** The response a script produced. */
export interface ResponseSnapshot {
  status: number;
  /** `[name, value]` in order; a name may repeat. */
  headers: Array<[string, string]>;
  body: Uint8Array;
}
