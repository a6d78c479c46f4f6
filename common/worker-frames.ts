/**
 * How the headers of the frames between the main process and a worker are written: as JSON
 * arrays, each field at its position, not as objects. V8 11 reads a JSON object key by key
 * (internalizing each key, looking up each property's place); an array of the same values reads
 * in about half the time, and writes faster too. Every run pays this twice on each side.
 *
 * Run frame (main → worker): `[id, script, mtimeMs, time, requestBytes, session, settings]`, where
 * - `session` is `null` or `[id, creationTime, lastAccessedTime, maxInactiveInterval, isNew,
 *   attributes, principal | null]`, each attribute `[name, json]`, or `[name, bytes]` for a value
 *   of `BODY_VALUE_FROM` characters or more: its UTF-8 is at the start of the frame's body, before
 *   the request, in attribute order (`bodyValues`, `takeBodyValues`);
 * - `settings` is `[maxInactiveInterval, canCreate, maxActiveSessions, urlParameter,
 *   storeUnavailable | null, deferred | null]`.
 *
 * Worker frames (worker → main), by their first element:
 * - `[0]` ready;
 * - `[1, id]` awaiting;
 * - `[2, id, status, headers, ops, flags, failure | null, cpuMicros | null, console | null,
 *   runMicros | null]` a result, `flags` adding 1 (session used), 2 (request used) and 4
 *   (stopped), each session operation an array by `OP_CODES` (`[2, name, json]` is a `set`).
 *
 * A worker runs hostile code: `decodeWorkerFrame` checks the shape of what it reads and throws
 * `MalformedFrameError` for anything no worker writes (the main process then kills the worker).
 * What the values mean is checked later, as for any result (main/server/result-checks.ts).
 */
import type { ConsoleLine } from './console-lines.js';
import type { ErrorDescriptor } from './errors.js';
import type { ResultFrame, RunFrame, WorkerFrame } from './protocol.js';
import type { SessionOp, SessionSettings, SessionSnapshot } from './snapshot.js';
import { utf8Text } from './utf8-text.js';

/** A frame header that is not what a worker writes. */
export class MalformedFrameError extends Error {}

const READY = 0;
const AWAITING = 1;
const RESULT = 2;

const SESSION_USED = 1;
const REQUEST_USED = 2;
const STOPPED = 4;

/** Session operations by number, in a result frame. */
const OP_CODES = ['access', 'create', 'set', 'remove', 'maxInactiveInterval', 'changeId', 'invalidate'] as const;

/**
 * Attribute values of at least this many characters of JSON travel in a run frame's body as UTF-8,
 * not inside its JSON header: escaped there (every quote of the value's JSON gets a backslash), a
 * 1 MiB session made every request of its own write a 1 MiB header (`JSON.stringify` builds it in
 * pieces, which were then joined and encoded again) and the worker parse it back, about 10 ms on
 * each side on a slow machine; as bytes, each value is encoded once and decoded once, half that.
 */
export const BODY_VALUE_FROM = 16 * 1024;

/** True when the value `json` travels in the run frame's body. */
function inBody(json: string): boolean {
  return json.length >= BODY_VALUE_FROM;
}

/** The UTF-8 of the values of `session` that travel in the run frame's body, in attribute order: the body's first parts. */
export function bodyValues(session: SessionSnapshot | undefined): Buffer[] {
  const values: Buffer[] = [];
  if (session !== undefined)
    for (const [, json] of session.attributes) if (inBody(json)) values.push(Buffer.from(json));
  return values;
}

/** The attributes as a run frame's header has them: a value carried in the body by its length. */
function headerAttributes(attributes: Array<[string, string]>): Array<[string, string | number]> {
  if (!attributes.some(([, json]) => inBody(json))) return attributes;
  return attributes.map(([name, json]) => [name, inBody(json) ? Buffer.byteLength(json) : json]);
}

/** `JSON.stringify` of a run frame, by position. */
export function encodeRunFrame(frame: RunFrame): string {
  const { session, settings } = frame;
  return JSON.stringify([
    frame.id,
    frame.script,
    frame.mtimeMs,
    frame.time,
    frame.requestBytes,
    session === undefined
      ? null
      : [
          session.id,
          session.creationTime,
          session.lastAccessedTime,
          session.maxInactiveInterval,
          session.isNew,
          headerAttributes(session.attributes),
          session.principal ?? null,
        ],
    [
      settings.maxInactiveInterval,
      settings.canCreate,
      settings.maxActiveSessions,
      settings.urlParameter,
      settings.storeUnavailable ?? null,
      settings.deferred ?? null,
    ],
  ]);
}

type EncodedSession = [string, number, number, number, boolean, Array<[string, string]>, string | null];
type EncodedSettings = [number, boolean, number, string | null, string | null, number | null];
type EncodedRun = [number, string, number, number, number, EncodedSession | null, EncodedSettings];

/**
 * The run frame `encodeRunFrame` wrote (the main process is trusted: no checks). The session's
 * values carried in the body are not in it yet: `takeBodyValues` puts them in.
 */
export function decodeRunFrame(text: string): RunFrame {
  const [id, script, mtimeMs, time, requestBytes, session, settings] = JSON.parse(text) as EncodedRun;
  return {
    type: 'run',
    id,
    script,
    mtimeMs,
    time,
    requestBytes,
    session: decodeSession(session),
    settings: decodeSettings(settings),
  };
}

/**
 * Puts the session values carried in the body of `frame` (`bodyValues`) in their places and
 * returns the rest of `body`, the request.
 */
export function takeBodyValues(frame: RunFrame, body: Uint8Array): Uint8Array {
  const attributes = frame.session?.attributes as Array<[string, string | number]> | undefined;
  if (attributes === undefined) return body;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.length);
  let offset = 0;
  for (const attribute of attributes) {
    const length = attribute[1];
    if (typeof length !== 'number') continue;
    attribute[1] = utf8Text(bytes, offset, offset + length);
    offset += length;
  }
  return offset === 0 ? body : body.subarray(offset);
}

function decodeSession(encoded: EncodedSession | null): SessionSnapshot | undefined {
  if (encoded === null) return undefined;
  const [id, creationTime, lastAccessedTime, maxInactiveInterval, isNew, attributes, principal] = encoded;
  const session: SessionSnapshot = { id, creationTime, lastAccessedTime, maxInactiveInterval, isNew, attributes };
  if (principal !== null) session.principal = principal;
  return session;
}

function decodeSettings(encoded: EncodedSettings): SessionSettings {
  const [maxInactiveInterval, canCreate, maxActiveSessions, urlParameter, storeUnavailable, deferred] = encoded;
  const settings: SessionSettings = { maxInactiveInterval, canCreate, maxActiveSessions, urlParameter };
  if (storeUnavailable !== null) settings.storeUnavailable = storeUnavailable;
  if (deferred !== null) settings.deferred = deferred;
  return settings;
}

/** `JSON.stringify` of a worker frame, by position. */
export function encodeWorkerFrame(frame: WorkerFrame): string {
  if (frame.type === 'ready') return `[${READY}]`;
  if (frame.type === 'awaiting') return JSON.stringify([AWAITING, frame.id]);
  const flags =
    (frame.sessionUsed === true ? SESSION_USED : 0) |
    (frame.requestUsed === true ? REQUEST_USED : 0) |
    (frame.stopped === true ? STOPPED : 0);
  return JSON.stringify([
    RESULT,
    frame.id,
    frame.response.status,
    frame.response.headers,
    frame.sessionOps.map(encodeOp),
    flags,
    frame.failure ?? null,
    frame.cpuMicros ?? null,
    frame.console ?? null,
    frame.runMicros ?? null,
  ]);
}

function encodeOp(op: SessionOp): unknown[] {
  switch (op.op) {
    case 'create':
    case 'changeId':
      return [OP_CODES.indexOf(op.op), op.id];
    case 'set':
      return [OP_CODES.indexOf(op.op), op.name, op.json];
    case 'remove':
      return [OP_CODES.indexOf(op.op), op.name];
    case 'maxInactiveInterval':
      return [OP_CODES.indexOf(op.op), op.seconds];
    default:
      return [OP_CODES.indexOf(op.op)];
  }
}

/** The worker frame of a header a worker wrote; throws `MalformedFrameError` for any other shape. */
export function decodeWorkerFrame(text: string): WorkerFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MalformedFrameError('not JSON');
  }
  if (!Array.isArray(value)) throw new MalformedFrameError('not an array');
  const kind = value[0];
  if (kind === READY) return { type: 'ready' };
  if (kind === AWAITING) return { type: 'awaiting', id: number(value[1]) };
  if (kind !== RESULT) throw new MalformedFrameError('an unknown kind');
  const flags = number(value[5]);
  const frame: ResultFrame = {
    type: 'result',
    id: number(value[1]),
    response: { status: number(value[2]), headers: headers(value[3]) },
    sessionOps: list(value[4]).map(decodeOp),
    sessionUsed: (flags & SESSION_USED) !== 0 ? true : undefined,
    requestUsed: (flags & REQUEST_USED) !== 0 ? true : undefined,
    failure: value[6] === null ? undefined : failure(value[6]),
    stopped: (flags & STOPPED) !== 0 ? true : undefined,
    cpuMicros: value[7] === null ? undefined : number(value[7]),
    console: value[8] === null ? undefined : consoleLines(value[8]),
    runMicros: value[9] === null ? undefined : micros(value[9]),
  };
  return frame;
}

/** A duration in µs: a whole number, 0 or more. */
function micros(value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new MalformedFrameError('a duration expected');
  return value as number;
}

function number(value: unknown): number {
  if (typeof value !== 'number') throw new MalformedFrameError('a number expected');
  return value;
}

function string(value: unknown): string {
  if (typeof value !== 'string') throw new MalformedFrameError('a string expected');
  return value;
}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new MalformedFrameError('an array expected');
  return value;
}

function headers(value: unknown): Array<[string, string]> {
  return list(value).map((pair) => {
    const [name, text] = list(pair);
    return [string(name), string(text)];
  });
}

function decodeOp(value: unknown): SessionOp {
  const encoded = list(value);
  const op = OP_CODES[number(encoded[0])];
  switch (op) {
    case 'access':
    case 'invalidate':
      return { op };
    case 'create':
    case 'changeId':
      return { op, id: string(encoded[1]) };
    case 'set':
      return { op, name: string(encoded[1]), json: string(encoded[2]) };
    case 'remove':
      return { op, name: string(encoded[1]) };
    case 'maxInactiveInterval':
      return { op, seconds: number(encoded[1]) };
    default:
      throw new MalformedFrameError('an unknown session operation');
  }
}

/** The error descriptor of a failed run, as the worker wrote it (its fields are read as text where used). */
function failure(value: unknown): ErrorDescriptor {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new MalformedFrameError('an error expected');
  return value as ErrorDescriptor;
}

/** The console lines of a run, as the worker wrote them (checked line by line where used: console-lines.ts). */
function consoleLines(value: unknown): ConsoleLine[] {
  return list(value) as ConsoleLine[];
}
