/**
 * A feed that cannot be read at all. `message` is short and human-readable (shown to users and printed by the
 * CLI as is); `code` names the error with the one vocabulary the whole extension uses, from the reader to the
 * screen (lib/feed-problem.ts).
 */
import type { FeedErrorCode } from '../feed-problem';

export type { FeedErrorCode };

/**
 * The spellings the readers threw before the vocabulary was one; still accepted, and read as the names above,
 * until the last readers (the iCal and JSON ones, being rewritten) use the names themselves.
 */
const EARLIER_SPELLINGS = {
  'not-a-feed': 'notAFeed',
  'too-large': 'tooLarge',
  'too-deep': 'tooDeep',
  'unsupported-url': 'unsupportedUrl',
} as const satisfies Record<string, FeedErrorCode>;

export class FeedError extends Error {
  readonly code: FeedErrorCode;
  constructor(code: FeedErrorCode | keyof typeof EARLIER_SPELLINGS, message: string) {
    super(message);
    this.name = 'FeedError';
    this.code = code in EARLIER_SPELLINGS ? EARLIER_SPELLINGS[code as keyof typeof EARLIER_SPELLINGS] : (code as FeedErrorCode);
  }
}

export function isFeedError(error: unknown): error is FeedError {
  return error instanceof FeedError;
}
