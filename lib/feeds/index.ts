/**
 * The one entry point from a feed body to events, shared by the background worker and the CLI: detect the
 * format from the content, read it, keep the events of the window, drop duplicates, sort.
 */
import { compareEvents, type FeedParseResult, type MeetupEvent, type ParseOptions } from '../events';
import { eventStartMs } from '../time';
import { defaultWindow } from '../upcoming/window';
import { checkTextLimit, DEFAULT_BODY_LIMIT } from './body';
import { parseCaenCamp } from './caencamp';
import { feedFloatingZone } from './date-values';
import { detectFeed, type FormatChoice } from './detect';
import { parseGancio } from './gancio';
import { parseHtml } from './html';
import { parseICal, parseJCal } from './ical';
import { parseJsonLd } from './json-ld';
import { parseJsonList } from './json-list';

export { readBodyWithLimit, checkTextLimit, decodeBody, DEFAULT_BODY_LIMIT } from './body';
export { toFetchUrl } from '../feed-url';
export { detectFeed, type FormatChoice, type DetectedFeed } from './detect';
export { FeedError, isFeedError, type FeedErrorCode } from './errors';

export interface ParseFeedOptions extends ParseOptions {
  /** Forces a reader; 'auto' (default) decides from the content. */
  format?: FormatChoice;
  /** The response's Content-Type: a hint for messages only, the content decides. */
  contentType?: string | null;
  /** Size limit for bodies that did not go through readBodyWithLimit (files, pasted text). */
  limitBytes?: number;
}

/** Reads any supported feed. Throws FeedError (short message saying what was found) when it is no feed. */
export function parseFeed(body: string, options: ParseFeedOptions): FeedParseResult {
  checkTextLimit(body, options.limitBytes ?? DEFAULT_BODY_LIMIT);
  const detected = detectFeed(body, { format: options.format, contentType: options.contentType });
  const window = defaultWindow(options.now ?? Date.now());
  const readerOptions: ParseOptions = {
    feedId: options.feedId,
    feedTimeZone: options.feedTimeZone,
    defaultTimeZone: options.defaultTimeZone,
    // Every reader gets the window from lib/upcoming/window.ts, the iCal one included.
    from: options.from ?? window.from,
    to: options.to ?? window.to,
    now: options.now,
    maxOccurrences: options.maxOccurrences,
    baseUrl: options.baseUrl,
  };
  let result: FeedParseResult;
  switch (detected.kind) {
    case 'ical': {
      result = parseICal(detected.text, readerOptions);
      if (detected.warnings.length) result = { ...result, warnings: [...detected.warnings, ...result.warnings] };
      // The iCal reader applies the window itself and returns its events sorted, each id once (one per UID and
      // start): finish() would only hash every id again.
      return result;
    }
    case 'jcal':
      return parseJCal(detected.data, readerOptions);
    case 'jsonld':
      result = parseJsonLd(detected.data, readerOptions);
      break;
    case 'gancio':
      result = parseGancio(detected.data, readerOptions);
      break;
    case 'caencamp':
      result = parseCaenCamp(detected.data, readerOptions);
      break;
    case 'json':
      result = parseJsonList(detected.list, readerOptions);
      break;
    case 'html':
      result = parseHtml(detected.text, readerOptions);
      break;
  }
  return finish(result, readerOptions);
}

/** Window (for readers that do not apply it themselves), duplicates out, sorted by start. */
function finish(result: FeedParseResult, windowOptions: ParseOptions): FeedParseResult {
  const events = result.events.filter(inWindow(windowOptions));
  const byId = new Map<string, MeetupEvent>();
  // The same event often appears twice on a page (its own block and a list): keep the first.
  for (const event of events) if (!byId.has(event.id)) byId.set(event.id, event);
  return { ...result, events: [...byId.values()].sort(compareEvents) };
}

/**
 * Same rule as the iCal reader: the event touches [from, to) — one starting exactly at `to` belongs to the next
 * window. All-day dates are taken in the feed's zone.
 */
export function inWindow(options: ParseOptions): (event: MeetupEvent) => boolean {
  const window = defaultWindow(options.now ?? Date.now());
  const from = options.from ?? window.from;
  const to = options.to ?? window.to;
  const zone = feedFloatingZone(options);
  return (event) => {
    const startMs = eventStartMs(event.start, zone);
    const endMs = event.end ? eventStartMs(event.end, zone) : startMs;
    return startMs < to && endMs >= from;
  };
}
