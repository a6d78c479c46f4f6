/**
 * Host half of the REST framework (`http/rs/…`), which otherwise runs entirely in the isolate:
 * it turns the framework's answers and definition mistakes into the coded errors of
 * common/errors.ts, so their codes, statuses and messages have one home.
 */
import {
  type CodedError,
  MethodNotAllowedError,
  NotAcceptableError,
  ResourceNotFoundError,
  RsDefinitionError,
  UnsupportedMediaTypeError,
} from '../../common/errors.js';
import type { Facade } from './context.js';

/** What the guest knows of the request when no handler fits it. */
interface Detail {
  method: string;
  contentType: string | null;
  accept: string | null;
  allow: string[];
  types: string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function optional(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function detailOf(json: unknown): Detail {
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(String(json));
    if (value !== null && typeof value === 'object') parsed = value as Record<string, unknown>;
  } catch {
    // A malformed detail (never sent by the framework) still gets an answer.
  }
  return {
    method: String(parsed.method ?? ''),
    contentType: optional(parsed.contentType),
    accept: optional(parsed.accept),
    allow: strings(parsed.allow),
    types: strings(parsed.types),
  };
}

/** The coded error of an rs answer kind, as dispatch (http/rs/dispatch.js) names them. */
function answerError(kind: string, path: string, detail: Detail): CodedError {
  switch (kind) {
    case 'method-not-allowed':
      return new MethodNotAllowedError(detail.method, path, detail.allow);
    case 'unsupported':
      return new UnsupportedMediaTypeError(detail.method, path, detail.contentType, detail.types);
    case 'not-acceptable':
      return new NotAcceptableError(detail.method, path, detail.accept, detail.types);
    default:
      return new ResourceNotFoundError(path);
  }
}

export const rsFacade: Facade = {
  /** JSON `{ status, error, code, message }` of the answer `kind` for `path`; detail is JSON. */
  errorBody: (_context, [kind, path, detail]) => {
    const error = answerError(String(kind), String(path), detailOf(detail));
    return JSON.stringify({ status: error.status, error: error.name, code: error.code, message: error.message });
  },
  /** Throws the coded error of a service definition mistake. */
  invalidDefinition: (_context, [message]) => {
    throw new RsDefinitionError(String(message));
  },
};
