/**
 * A feed's error in the user's language: `feedError_<code>` from _locales with the problem's details, or the
 * stored English sentence for data written before codes existed (or by a newer version with codes we lack).
 * What a body held instead of events is named by `feedFound_<kind>`; data stored before kinds keeps the
 * reader's English words.
 */
import { FEED_PROBLEM_CODES, isFeedFoundKind, isFeedProblemCode, type FeedProblemCode, type FeedProblemParams } from '../feed-problem';
import { t, uiLocale, type MessageKey } from './i18n';

export interface FeedProblemSource {
  error?: string | null;
  errorCode?: string | null;
  errorParams?: FeedProblemParams | null;
}

/** Which detail goes in `$1`, `$2`… of each message; every one is required to use the message. */
export const FEED_PROBLEM_ARGS: Record<FeedProblemCode, ReadonlyArray<keyof FeedProblemParams>> = {
  network: ['host'],
  timeout: ['host', 'seconds'],
  permission: ['host'],
  httpNotFound: ['host', 'status'],
  httpDenied: ['host', 'status'],
  httpServer: ['host', 'status'],
  httpOther: ['host', 'status'],
  empty: [],
  notAFeed: ['found'],
  tooLarge: ['limitBytes'],
  tooDeep: [],
  malformed: ['found'],
  unsupportedUrl: [],
};

export function feedProblemKey(code: FeedProblemCode): MessageKey {
  return `feedError_${code}` as MessageKey;
}

function formatArg(name: keyof FeedProblemParams, value: string | number, locale: string): string {
  if (typeof value === 'string') return value;
  if (name === 'limitBytes') {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(value / (1024 * 1024));
  }
  // An HTTP status is a code, not a quantity: no grouping.
  if (name === 'status') return String(value);
  return new Intl.NumberFormat(locale).format(value);
}

/** What the body held, in the user's language, when the reader said which kind; else undefined. */
function foundText(params: FeedProblemParams): string | undefined {
  if (!isFeedFoundKind(params.foundKind)) return undefined;
  const phrase = t(`feedFound_${params.foundKind}` as MessageKey);
  return params.foundDetail ? t('feedFoundDetail', [phrase, params.foundDetail]) : phrase;
}

/** The sentence to show, or null when there is no error. */
export function feedProblemText(source: FeedProblemSource, locale?: string): string | null {
  const code = source.errorCode;
  if (isFeedProblemCode(code)) {
    const stored = source.errorParams ?? {};
    const found = foundText(stored);
    const params = found === undefined ? stored : { ...stored, found };
    const args = FEED_PROBLEM_ARGS[code].map((name) => params[name]);
    if (args.every((value) => value !== undefined && value !== null && value !== '')) {
      const lang = locale ?? uiLocale();
      return t(
        feedProblemKey(code),
        args.map((value, index) => formatArg(FEED_PROBLEM_ARGS[code][index]!, value!, lang)),
      );
    }
  }
  return source.error ?? null;
}

export { FEED_PROBLEM_CODES };
