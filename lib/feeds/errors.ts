/**
 * A feed that cannot be read at all. `message` is short and human-readable (shown to users and printed by the
 * CLI as is); `code` lets the background choose a retry policy without parsing text.
 */
export type FeedErrorCode =
  | 'empty'
  | 'not-a-feed'
  | 'too-large'
  | 'too-deep'
  | 'malformed'
  | 'network'
  | 'timeout'
  | 'http'
  | 'unsupported-url';

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
