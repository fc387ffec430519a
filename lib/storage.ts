/**
 * Every stored item, typed and versioned. Storage is the source of truth: the background writes feed
 * results; the pages read and watch these items and write only user choices (settings, stars, seen).
 *
 * Per-feed data lives in one item per feed (`local:feed:<id>`) holding both its state and its events, so
 * writing a feed's result is one storage write: a worker stopped mid-refresh leaves each feed old or new.
 */
import { storage, type StorageItemKey, type WxtStorageItem, type WxtStorageItemOptions } from 'wxt/utils/storage';
import type { MeetupEvent } from './events';
import { EMPTY_FEED_STATE, type FeedData, type FeedState, type StoredFeedData } from './feed-data';
import { migrateFeedDataToV2 } from './migrations/feed-data-v2';
import { migrateFeedsToV2 } from './migrations/feeds-v2';
import { migrateNotifiedToV2, type NotifiedV2 } from './migrations/notified-v2';
import { DEFAULT_SETTINGS, type FeedConfig, type Settings } from './settings';
import { compactEvent, expandEvent, type StoredEvent } from './stored-events';
import { EMPTY_DIRECTORY_STATE, type DirectoryState } from './directory/update-directory';
import type { PopupIndex } from './popup-index';
import { feedDataKey, feedDataKeys, STORAGE_KEYS } from './storage-keys';

// Feed data's shapes live with the feed data (lib/feed-data.ts); re-exported for the items' readers.
export { EMPTY_FEED_STATE, type FeedData, type FeedState, type StoredFeedData };

/**
 * An item defined on first use. WXT reads every defined item (and its migration metadata) as soon as it is
 * defined, so items defined at import cost the popup reads of data it never shows (the notified ids, the
 * groups directory) before its own first read. `key` and `fallback` are known without defining the item, so
 * `storage.getItems([item])` and `storage.watch(item.key)` stay free.
 */
function lazyItem<T>(key: StorageItemKey, options: WxtStorageItemOptions<T> & { fallback: T }): WxtStorageItem<T, {}> {
  let defined: WxtStorageItem<T, {}> | undefined;
  const item = () => (defined ??= storage.defineItem<T>(key, options));
  return {
    key,
    get defaultValue() {
      return options.fallback;
    },
    get fallback() {
      return options.fallback;
    },
    getValue: () => item().getValue(),
    getMeta: () => item().getMeta(),
    setValue: (value) => item().setValue(value),
    setMeta: (meta) => item().setMeta(meta),
    removeValue: (opts) => item().removeValue(opts),
    removeMeta: (properties) => item().removeMeta(properties),
    watch: (cb) => item().watch(cb),
    watchMeta: (cb) => item().watchMeta(cb),
    migrate: () => item().migrate(),
  };
}

export const settingsItem = lazyItem<Settings>(`local:${STORAGE_KEYS.settings}`, {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export const FEEDS_VERSION = 2;
export const feedsMigrations = {
  // The user's city is read raw: the settings item has no migration to wait for.
  2: async (old: unknown) => {
    const settings = await storage.getItem<Settings>(`local:${STORAGE_KEYS.settings}`);
    return migrateFeedsToV2(old, settings?.city ?? null);
  },
};
export const feedsItem = lazyItem<FeedConfig[]>(`local:${STORAGE_KEYS.feeds}`, {
  fallback: [],
  version: FEEDS_VERSION,
  migrations: feedsMigrations,
});

/** The stored form of a feed's events (see `StoredFeedData.events`). */
export function storedEventsText(events: readonly MeetupEvent[], feedId: string): string {
  return JSON.stringify(events.map((event) => compactEvent(event, feedId)));
}

export const FEED_DATA_VERSION = 2;

export function feedDataMigrations(feedId: string): Record<number, (old: any) => StoredFeedData> {
  return { 2: (old) => migrateFeedDataToV2(old, feedId, EMPTY_FEED_STATE) };
}

function expandFeedData(data: StoredFeedData | null, feedId: string): FeedData {
  if (!data) return { state: EMPTY_FEED_STATE, events: [] };
  return {
    state: { ...EMPTY_FEED_STATE, ...data.state },
    events: (typeof data.events === 'string' ? (JSON.parse(data.events) as StoredEvent[]) : (data.events ?? [])).map((event) =>
      expandEvent(event, feedId),
    ),
  };
}

const feedDataItems = new Map<string, WxtStorageItem<FeedData, {}>>();

/**
 * Per-feed state + events; key `local:feed:<feedId>`. Readers get full `MeetupEvent`s; storage holds them
 * compacted. `setValue` is the one write of a feed's result.
 */
export function feedDataItem(feedId: string): WxtStorageItem<FeedData, {}> {
  const cached = feedDataItems.get(feedId);
  if (cached) return cached;
  const raw = storage.defineItem<StoredFeedData | null>(`local:${feedDataKey(feedId)}`, {
    fallback: null,
    version: FEED_DATA_VERSION,
    migrations: feedDataMigrations(feedId),
  });
  const item: WxtStorageItem<FeedData, {}> = {
    key: raw.key,
    get defaultValue() {
      return expandFeedData(null, feedId);
    },
    get fallback() {
      return expandFeedData(null, feedId);
    },
    getValue: async () => expandFeedData(await raw.getValue(), feedId),
    getMeta: () => raw.getMeta(),
    setValue: (value) =>
      raw.setValue({ state: value.state, events: storedEventsText(value.events, feedId) }),
    setMeta: (meta) => raw.setMeta(meta),
    removeValue: (opts) => raw.removeValue(opts),
    removeMeta: (properties) => raw.removeMeta(properties),
    watch: (cb) => raw.watch((next, previous) => cb(expandFeedData(next, feedId), expandFeedData(previous, feedId))),
    watchMeta: (cb) => raw.watchMeta(cb),
    migrate: () => raw.migrate(),
  };
  feedDataItems.set(feedId, item);
  return item;
}

/**
 * Several feeds' data at once, for the popup and the options page: one storage read per feed (its data and
 * version), all asked at once. Chrome's cost of a read grows faster than the bytes it returns: four 356 KB feeds
 * came in 50–70 ms from one read, in 10–18 ms from four at once (an extension page at rest, Chromium 156). Going
 * through `feedDataItem()` would cost three reads of each whole item (WXT checks migrations and init when an item
 * is defined, then reads the value). Items still below FEED_DATA_VERSION go through `feedDataItem()`, so they are
 * migrated as usual.
 */
export async function readFeedDataOnce(feedIds: readonly string[]): Promise<Map<string, FeedData>> {
  const reads = await Promise.all(feedIds.map((id) => storage.getItems(feedDataKeys([id]).map((key) => `local:${key}` as const))));
  const values = new Map(reads.flat().map(({ key, value }) => [key.replace(/^local:/, ''), value as unknown]));
  const entries = await Promise.all(
    feedIds.map(async (id) => {
      const raw = values.get(feedDataKey(id)) as StoredFeedData | null | undefined;
      const meta = values.get(`${feedDataKey(id)}$`) as { v?: number } | null | undefined;
      if (raw != null && (meta?.v ?? 1) < FEED_DATA_VERSION) return [id, await feedDataItem(id).getValue()] as const;
      return [id, expandFeedData(raw ?? null, id)] as const;
    }),
  );
  return new Map(entries);
}

/** Follows one feed's data without defining its item (see `readFeedDataOnce`); the callback gets full events. */
export function watchFeedData(feedId: string, cb: (data: FeedData) => void): () => void {
  return storage.watch<StoredFeedData>(`local:${feedDataKey(feedId)}`, (next) => cb(expandFeedData(next, feedId)));
}

/** Ids of events the user has seen in the popup (badge "new" count). */
export const seenItem = lazyItem<string[]>(`local:${STORAGE_KEYS.seen}`, { fallback: [], version: 1 });

/**
 * Ids already notified → when they may be forgotten (the event's end, or start): persisted so restarts and
 * re-fetches never notify twice, pruned once the event is past. v1 was a plain list of ids.
 */
export type NotifiedIds = NotifiedV2;
export const NOTIFIED_VERSION = 2;
export const notifiedMigrations = { 2: (old: unknown) => migrateNotifiedToV2(old) };
export const notifiedItem = lazyItem<NotifiedIds>('local:notifiedEventIds', {
  fallback: {},
  version: NOTIFIED_VERSION,
  migrations: notifiedMigrations,
});

/** Starred events, with the snapshot used to detect changes that matter (cancelled, moved). */
export interface StarredSnapshot {
  id: string;
  title: string;
  start: string;
  location: string | null;
  status: MeetupEvent['status'];
  /** ISO instant of the reminder already sent, if any. */
  remindedAt: string | null;
  /** Where, in a word, as notifications say it (`eventTown`); missing in snapshots from before it was kept. */
  town?: string;
}
export const starredItem = lazyItem<Record<string, StarredSnapshot>>(`local:${STORAGE_KEYS.starred}`, {
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
export const refreshStatusItem = lazyItem<RefreshStatus>(`local:${STORAGE_KEYS.refreshStatus}`, {
  fallback: { running: false, done: 0, total: 0, lastRefresh: null },
  version: 1,
});

/** The groups directory updater's state: the last validated download of `Settings.directoryUrl`. */
export const directoryStateItem = lazyItem<DirectoryState>('local:groupsDirectory', {
  fallback: EMPTY_DIRECTORY_STATE,
  version: 1,
});

/**
 * What the popup paints first: the first upcoming events near the user, without descriptions, and
 * each feed's error and last success, built by the background (lib/popup-index.ts) after every change of the
 * data it derives from. Derived data only: the popup checks it still matches the settings and feeds it read,
 * and replaces it with the full feed data right after its first paint.
 */
export const popupIndexItem = lazyItem<PopupIndex | null>(`local:${STORAGE_KEYS.popupIndex}`, { fallback: null, version: 1 });
