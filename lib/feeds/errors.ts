/**
 * A feed that cannot be read at all. `message` is short and human-readable (shown to users and printed by the
 * CLI as is); `code` names the error with the one vocabulary the whole extension uses, from the reader to the
 * screen (lib/feed-problem.ts).
 */
import type { FeedErrorCode, FeedFound } from '../feed-problem';

export type { FeedErrorCode, FeedFound };

export class FeedError extends Error {
  readonly code: FeedErrorCode;
  /** What the body held instead of events (notAFeed, malformed), for the pages to say in the user's language. */
  readonly found?: FeedFound;
  constructor(code: FeedErrorCode, message: string, found?: FeedFound) {
    super(message);
    this.name = 'FeedError';
    this.code = code;
    if (found) this.found = found;
  }
}

export function isFeedError(error: unknown): error is FeedError {
  return error instanceof FeedError;
}
