/**
 * Why a feed could not be read, as data rather than an English sentence: stored in FeedState and FeedPreview
 * next to the English text, so each page renders it in the user's language (`feedError_<code>` in _locales).
 * One name per error from the reader (FeedError's `code`, lib/feeds/errors.ts) to the screen, message-name
 * safe (letters only). The names live here, not in lib/feeds, so the pages get them without a reader. Pure.
 */

/** What a reader or the downloader says went wrong. */
export const FEED_ERROR_CODES = [
  'empty',
  'notAFeed',
  'tooLarge',
  'tooDeep',
  'malformed',
  'network',
  'timeout',
  'http',
  'unsupportedUrl',
] as const;

export type FeedErrorCode = (typeof FEED_ERROR_CODES)[number];

/** An HTTP error, told apart by what the user can do about it (wrong address, private calendar, try later). */
const HTTP_PROBLEM_CODES = ['httpNotFound', 'httpDenied', 'httpServer', 'httpOther'] as const;

/**
 * The reader's codes (lib/feeds/errors.ts), with `http` told apart by status and `permission` (the origin was
 * never granted, which only the browser knows): the same names, not a second vocabulary.
 */
export const FEED_PROBLEM_CODES = [
  ...FEED_ERROR_CODES.filter((code): code is Exclude<FeedErrorCode, 'http'> => code !== 'http'),
  'permission',
  ...HTTP_PROBLEM_CODES,
] as const;

export type FeedProblemCode = Exclude<FeedErrorCode, 'http'> | 'permission' | (typeof HTTP_PROBLEM_CODES)[number];

/**
 * What a body held instead of events, as a kind each page names in the user's language (`feedFound_<kind>`), so
 * a French reader never gets an English phrase in the middle of a French sentence.
 */
export const FEED_FOUND_KINDS = [
  'htmlPage',
  'htmlCalendarLink',
  'htmlBrokenEvents',
  'rss',
  'atom',
  'xcal',
  'xml',
  'json',
  'jsonLd',
  'notJson',
  'notJcal',
  'brokenJson',
  'pdf',
  'gzip',
  'zip',
  'binary',
  'text',
  'noCalendar',
] as const;

export type FeedFoundKind = (typeof FEED_FOUND_KINDS)[number];

/** `detail`: in the body's own words, never a phrase (a page title, `<root>`, `{ keys }`, the first characters, a link). */
export interface FeedFound {
  kind: FeedFoundKind;
  detail?: string;
}

export function isFeedFoundKind(kind: unknown): kind is FeedFoundKind {
  return typeof kind === 'string' && (FEED_FOUND_KINDS as readonly string[]).includes(kind);
}

export interface FeedProblemParams {
  host?: string;
  status?: number;
  seconds?: number;
  limitBytes?: number;
  /** The parser's own (English) description of what it found instead of events: the CLI's words, and older data's. */
  found?: string;
  /** The same, as a kind and a detail the pages put in the user's language (see `FeedFound`). */
  foundKind?: FeedFoundKind;
  foundDetail?: string;
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

/**
 * A FeedError thrown by lib/feeds (reading the body or parsing it) as a problem; `message` is its detail, `found`
 * what it found instead of events when it says.
 */
export function problemOfFeedError(
  code: FeedErrorCode,
  message: string,
  context: { host?: string; limitBytes?: number } = {},
  found?: FeedFound,
): FeedProblem {
  const host = context.host ? { host: context.host } : {};
  switch (code) {
    case 'notAFeed':
    case 'malformed': {
      const params: FeedProblemParams = { found: message };
      if (found) params.foundKind = found.kind;
      if (found?.detail) params.foundDetail = found.detail;
      return { code, params };
    }
    case 'tooLarge':
      return { code, params: context.limitBytes ? { limitBytes: context.limitBytes } : {} };
    case 'timeout':
    case 'network':
      return { code, params: host };
    case 'http':
      return { code: 'httpOther', params: host };
    case 'empty':
    case 'tooDeep':
    case 'unsupportedUrl':
      return { code, params: {} };
  }
}

/** The reader's code for a problem: the same name, `http` for every HTTP case; a missing permission reads as a network failure. */
export function feedErrorCodeOf(problem: FeedProblemCode): FeedErrorCode {
  if ((HTTP_PROBLEM_CODES as readonly string[]).includes(problem)) return 'http';
  return problem === 'permission' ? 'network' : (problem as FeedErrorCode);
}
