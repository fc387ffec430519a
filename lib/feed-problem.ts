/**
 * Why a feed could not be read, as data rather than an English sentence: stored in FeedState and FeedPreview
 * next to the English text, so each page renders it in the user's language (`feedError_<code>` in
 * _locales). Codes are message-name safe (letters only). Pure: runs in Node too.
 */
import type { FeedErrorCode } from './feeds/errors';

export const FEED_PROBLEM_CODES = [
  'network',
  'timeout',
  'permission',
  'httpNotFound',
  'httpDenied',
  'httpServer',
  'httpOther',
  'empty',
  'notAFeed',
  'tooLarge',
  'tooDeep',
  'malformed',
  'unsupportedUrl',
] as const;

export type FeedProblemCode = (typeof FEED_PROBLEM_CODES)[number];

export interface FeedProblemParams {
  host?: string;
  status?: number;
  seconds?: number;
  limitBytes?: number;
  /** The parser's own (English) description of what it found instead of events. */
  found?: string;
}

export interface FeedProblem {
  code: FeedProblemCode;
  params: FeedProblemParams;
}

export function isFeedProblemCode(code: unknown): code is FeedProblemCode {
  return typeof code === 'string' && (FEED_PROBLEM_CODES as readonly string[]).includes(code);
}

/** 404/410, 401/403 and 5xx need different advice (wrong address, private calendar, try later). */
export function httpProblem(status: number, host: string): FeedProblem {
  const code: FeedProblemCode =
    status === 404 || status === 410
      ? 'httpNotFound'
      : status === 401 || status === 403
        ? 'httpDenied'
        : status >= 500
          ? 'httpServer'
          : 'httpOther';
  return { code, params: { status, host } };
}

/** A FeedError thrown by lib/feeds (reading the body or parsing it) as a problem; `message` is its detail. */
export function problemOfFeedError(code: FeedErrorCode, message: string, context: { host?: string; limitBytes?: number } = {}): FeedProblem {
  switch (code) {
    case 'empty':
      return { code: 'empty', params: {} };
    case 'not-a-feed':
      return { code: 'notAFeed', params: { found: message } };
    case 'too-large':
      return { code: 'tooLarge', params: context.limitBytes ? { limitBytes: context.limitBytes } : {} };
    case 'too-deep':
      return { code: 'tooDeep', params: {} };
    case 'malformed':
      return { code: 'malformed', params: { found: message } };
    case 'unsupported-url':
      return { code: 'unsupportedUrl', params: {} };
    case 'timeout':
      return { code: 'timeout', params: context.host ? { host: context.host } : {} };
    case 'http':
      return { code: 'httpOther', params: context.host ? { host: context.host } : {} };
    case 'network':
      return { code: 'network', params: context.host ? { host: context.host } : {} };
  }
}
