/**
 * The one check of a Redis URL, for every option that takes one (`redisUrl`, `--redis-url`,
 * `RedisStore`'s `url`): it reports the option the user passed.
 */
import { InvalidOptionError } from '../../../common/errors.js';

/**
 * `url` when it parses as a `redis://` or `rediss://` URL; otherwise throws `ERR_INVALID_OPTION`
 * naming `option`.
 * @example checkRedisUrl('redisUrl', 'redis://127.0.0.1:6379') // 'redis://127.0.0.1:6379'
 */
export function checkRedisUrl(option: string, url: unknown): string {
  let protocol: string | undefined;
  try {
    protocol = typeof url === 'string' ? new URL(url).protocol : undefined;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:')
    throw new InvalidOptionError(option, `must be a redis:// or rediss:// URL (got ${String(url)})`);
  return url as string;
}
