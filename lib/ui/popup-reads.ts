/**
 * The popup's storage reads, started as early as the page can: a small classic script at the top of popup.html
 * (entrypoints/popup-reads.ts) starts the first read (the small items and the popup index) before the page's
 * modules are fetched, compiled and run — the longest part of opening the popup — so it is in when the popup's
 * code asks for it. Only the keys are imported: that script carries nothing else.
 *
 * The feeds' data (1.4 MB for 2,000 events) is read when the popup asks for it, once the index's first frame is
 * on screen: its answers, landing while the modules load, pushed the first rows back by ~60 ms, and read after
 * that frame they still bring the full list sooner (the same browser, A/B: first rows ~250 → ~190 ms, full list
 * ~400 → ~380 ms).
 *
 * The reads start before the popup's code watches storage, so every change is recorded from the start: a key
 * changed after the reads began is given with its newest value, never the older value read.
 */
import { getFeedData, STORAGE_KEYS, type StorageGet } from '../storage-keys';

/** What the first paint needs: the small items and the popup index (lib/popup-index.ts). */
export const FIRST_READ_KEYS = [
  STORAGE_KEYS.settings,
  STORAGE_KEYS.feeds,
  STORAGE_KEYS.starred,
  STORAGE_KEYS.refreshStatus,
  STORAGE_KEYS.popupIndex,
] as const;

type Changes = Record<string, { newValue?: unknown }>;

/** The part of the extension API the reads use: `browser` in Firefox and the pages, `chrome` in Chrome's first script. */
export interface PopupReadsApi {
  storage: {
    local: { get: StorageGet };
    onChanged: {
      addListener(listener: (changes: Changes, area: string) => void): void;
      removeListener(listener: (changes: Changes, area: string) => void): void;
    };
  };
}

export interface PopupReads {
  /** `FIRST_READ_KEYS` as read. */
  first: Promise<Record<string, unknown>>;
  /** Then the seen ids and the data of the feeds the first read listed (`getFeedData`), read when first asked for. */
  feeds: Promise<{ feedIds: string[]; values: Record<string, unknown> }>;
  /** The newest value of every key changed since the reads started (undefined when removed). */
  changed: Map<string, unknown>;
  /** Stops recording changes (once the popup's own watchers follow storage). */
  stop(): void;
}

function feedIdsOf(feeds: unknown): string[] {
  if (!Array.isArray(feeds)) return [];
  return feeds.flatMap((feed) => (typeof (feed as { id?: unknown })?.id === 'string' ? [(feed as { id: string }).id] : []));
}

export function startPopupReads(api: PopupReadsApi): PopupReads {
  const changed = new Map<string, unknown>();
  const record = (changes: Changes, area: string) => {
    if (area !== 'local') return;
    for (const [key, change] of Object.entries(changes)) changed.set(key, change.newValue);
  };
  api.storage.onChanged.addListener(record);
  const first = api.storage.local.get([...FIRST_READ_KEYS]);
  const get: StorageGet = (keys) => api.storage.local.get(keys);
  let feeds: PopupReads['feeds'] | undefined;
  // A failed read is the caller's to handle when it takes the reads: nothing is reported before.
  first.catch(() => undefined);
  return {
    first,
    get feeds() {
      if (!feeds) {
        feeds = first.then(async (values) => {
          const feedIds = feedIdsOf(values[STORAGE_KEYS.feeds]);
          const [seen, data] = await Promise.all([get([STORAGE_KEYS.seen]), getFeedData(get, feedIds)]);
          return { feedIds, values: { ...seen, ...data } };
        });
        feeds.catch(() => undefined);
      }
      return feeds;
    },
    changed,
    stop: () => api.storage.onChanged.removeListener(record),
  };
}

/** `key` as of now: its newest change since the reads started, else what was read. */
export function currentValue(reads: PopupReads, values: Readonly<Record<string, unknown>>, key: string): unknown {
  return reads.changed.has(key) ? reads.changed.get(key) : values[key];
}

const EARLY = '__localMeetupsPopupReads';
type WithEarlyReads = typeof globalThis & { [EARLY]?: PopupReads };

/** The page's first script: starts the reads for the popup's code to take. */
export function startEarlyPopupReads(api: PopupReadsApi): void {
  (globalThis as WithEarlyReads)[EARLY] = startPopupReads(api);
}

/** The reads the page's first script started, once; else (no such script: tests, a reopened model) new ones. */
export function takePopupReads(api: PopupReadsApi): PopupReads {
  const scope = globalThis as WithEarlyReads;
  const early = scope[EARLY];
  delete scope[EARLY];
  return early ?? startPopupReads(api);
}
