/**
 * A feed that cannot be read at all. `message` is short and human-readable (shown to users and printed by the
 * CLI as is); `code` names the error with the one vocabulary the whole extension uses, from the reader to the
 * screen (lib/feed-problem.ts).
 */
import type { FeedErrorCode } from '../feed-problem';

export type { FeedErrorCode };

export class FeedError extends Error {
  readonly code: FeedErrorCode;
  constructor(code: FeedErrorCode, message: string) {
    super(message);
    this.name = 'FeedError';
    this.code = code;
  }
}

export function isFeedError(error: unknown): error is FeedError {
  return error instanceof FeedError;
}
