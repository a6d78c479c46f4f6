/**
 * What a request must pass before any script or session work: cross-site protection, then who the
 * user is and whether the script's path requires one.
 */
import type { IncomingMessage } from 'node:http';
import { UnauthenticatedError } from '../../common/errors.js';
import type { RequestUser } from '../../common/snapshot.js';
import { type ResolvedEmbedding, requiresUser } from './embedding-options.js';
import { requestUser } from './users.js';
import { checkHost } from './request-host.js';
import { andThen, type MaybePromise } from '../../common/maybe-promise.js';

/**
 * Refuses a request whose `Host` is sent twice or is no host (400), a cross-site unsafe request (403) and an anonymous one where a user is required (401);
 * gives the request's user, if any: at once unless an `authenticate` function is asked. A user is
 * required when the path the request named or the file's real path under the root falls under a
 * `requireUser` prefix: a symlink in the root (`self -> .`, `alias -> admin`) names a file under a
 * prefix by a path outside it.
 */
export function admitRequest(
  request: IncomingMessage,
  script: { requested: string; canonical: string },
  embedding: ResolvedEmbedding,
  realm: string,
): MaybePromise<RequestUser | undefined> {
  checkHost(request);
  embedding.crossSite.check(request);
  return andThen(requestUser(request, embedding.authenticate), (user) => {
    if (
      user === undefined &&
      (requiresUser(script.requested, embedding.requireUser) || requiresUser(script.canonical, embedding.requireUser))
    )
      throw new UnauthenticatedError(realm);
    return user;
  });
}

/**
 * The checks of `admitRequest` for a request naming no script, made only when its path falls under
 * a `requireUser` prefix: an anonymous client gets 401 there, as for a script that exists, so a 404
 * does not tell who has no login which scripts exist (a servlet container's security constraint,
 * and Dirigible's login, come before its 404 too). Elsewhere a missing script stays a plain 404.
 */
export function admitMissingScript(
  request: IncomingMessage,
  requested: string,
  embedding: ResolvedEmbedding,
  realm: string,
): MaybePromise<unknown> {
  if (!requiresUser(requested, embedding.requireUser)) return undefined;
  return admitRequest(request, { requested, canonical: requested }, embedding, realm);
}
