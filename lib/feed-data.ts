/**
 * What is stored for each feed (`local:feed:<id>`, lib/storage.ts): its state (last success, error, validators,
 * backoff) and its events. A plain module of types, so the storage items, the popup index and the migrations
 * all read these shapes without importing each other.
 */
import type { MeetupEvent } from './events';
import type { FeedProblemCode, FeedProblemParams } from './feed-problem';
import type { StoredEvent } from './stored-events';

export interface FeedState {
  /** ISO instants. */
  lastSuccess: string | null;
  lastAttempt: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Short human-readable error of the last attempt; null when it succeeded. */
  error: string | null;
  /** `error` as data the pages translate (lib/feed-problem.ts); absent in data stored before it existed. */
  errorCode?: FeedProblemCode | null;
  errorParams?: FeedProblemParams | null;
  /** Consecutive failures, for backoff. */
  failures: number;
  /** ISO instant before which the feed is not fetched again (backoff, REFRESH-INTERVAL). */
  nextAttemptAfter: string | null;
  eventCount: number;
  /** Format detected on the last success. */
  format: string | null;
  warnings: string[];
  /** True once the feed has synced once: its first sync notifies nothing. */
  synced: boolean;
  /** REFRESH-INTERVAL / X-PUBLISHED-TTL of the last parse, in minutes (a minimum between fetches). */
  minRefreshMinutes?: number | null;
  /** Feed title of the last parse (X-WR-CALNAME, JSON-LD name…), for a default feed name. */
  title?: string | null;
}

export interface FeedData {
  state: FeedState;
  events: MeetupEvent[];
}

export const EMPTY_FEED_STATE: FeedState = {
  lastSuccess: null,
  lastAttempt: null,
  etag: null,
  lastModified: null,
  error: null,
  failures: 0,
  nextAttemptAfter: null,
  eventCount: 0,
  format: null,
  warnings: [],
  synced: false,
};

/** What `local:feed:<feedId>` holds since v2: events compacted (lib/stored-events.ts). */
export interface StoredFeedData {
  state: FeedState;
  /**
   * The compacted events, written as one JSON text: Chrome hands a page one long string several times faster
   * than the same events as thousands of objects (the popup's full read of 2,000 events: ~3x). A list of
   * objects, as written before, reads the same.
   */
  events: string | StoredEvent[];
}
