/**
 * Every stored item, typed and versioned. Storage is the source of truth: the background writes feed
 * results; the pages read and watch these items and write only user choices (settings, stars, seen).
 *
 * Per-feed data lives in one item per feed (`local:feed:<id>`) holding both its state and its events, so
 * writing a feed's result is one storage write: a worker stopped mid-refresh leaves each feed old or new.
 */
import { storage } from 'wxt/utils/storage';
import type { MeetupEvent } from './events';
import { DEFAULT_SETTINGS, type FeedConfig, type Settings } from './settings';

export interface FeedState {
  /** ISO instants. */
  lastSuccess: string | null;
  lastAttempt: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Short human-readable error of the last attempt; null when it succeeded. */
  error: string | null;
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

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export const feedsItem = storage.defineItem<FeedConfig[]>('local:feeds', {
  fallback: [],
  version: 1,
});

/** Per-feed state + events; key `local:feed:<feedId>`. */
export function feedDataItem(feedId: string) {
  return storage.defineItem<FeedData>(`local:feed:${feedId}`, {
    fallback: { state: EMPTY_FEED_STATE, events: [] },
  });
}

/** Ids of events the user has seen in the popup (badge "new" count). */
export const seenItem = storage.defineItem<string[]>('local:seenEventIds', { fallback: [], version: 1 });

/** Ids already notified: persisted so restarts and re-fetches never notify twice. */
export const notifiedItem = storage.defineItem<string[]>('local:notifiedEventIds', { fallback: [], version: 1 });

/** Starred events, with the snapshot used to detect changes that matter (cancelled, moved). */
export interface StarredSnapshot {
  id: string;
  title: string;
  start: string;
  location: string | null;
  status: MeetupEvent['status'];
  /** ISO instant of the reminder already sent, if any. */
  remindedAt: string | null;
}
export const starredItem = storage.defineItem<Record<string, StarredSnapshot>>('local:starred', {
  fallback: {},
  version: 1,
});

/** When the last full refresh ended, and whether one is running (for the popup's progress). */
export interface RefreshStatus {
  running: boolean;
  done: number;
  total: number;
  lastRefresh: string | null;
}
export const refreshStatusItem = storage.defineItem<RefreshStatus>('local:refreshStatus', {
  fallback: { running: false, done: 0, total: 0, lastRefresh: null },
});
