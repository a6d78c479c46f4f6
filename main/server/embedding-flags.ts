/**
 * The command-line flags of the embedding options: `--body-timeout MS`, `--users FILE`,
 * `--require-user PREFIX` (repeatable) and `--trusted-origin ORIGIN` (repeatable).
 */
import { InvalidOptionError } from '../../common/errors.js';
import type { EmbeddingOptions } from './embedding-options.js';

export const EMBEDDING_USAGE =
  ' [--body-timeout MS] [--users FILE] [--require-user PREFIX]... [--trusted-origin ORIGIN]...' +
  '\n   or: serve add-user <users-file> <name> [--role ROLE]... (the password on standard input)';

/** The flags' `parseArgs` declarations. */
export const EMBEDDING_FLAGS = {
  'body-timeout': { type: 'string' },
  users: { type: 'string' },
  'require-user': { type: 'string', multiple: true },
  'trusted-origin': { type: 'string', multiple: true },
} as const;

/** Sets the options the flags in `values` (from `parseArgs`) give. */
export function applyEmbeddingFlags(values: Record<string, unknown>, options: EmbeddingOptions): void {
  const bodyTimeout = values['body-timeout'];
  if (typeof bodyTimeout === 'string') {
    if (!/^\d+$/.test(bodyTimeout))
      throw new InvalidOptionError('--body-timeout', `must be a whole number (got ${bodyTimeout})`);
    options.bodyTimeout = Number(bodyTimeout);
  }
  if (typeof values['users'] === 'string') options.usersFile = values['users'];
  if (Array.isArray(values['require-user'])) options.requireUser = values['require-user'] as string[];
  if (Array.isArray(values['trusted-origin'])) options.trustedOrigins = values['trusted-origin'] as string[];
}
