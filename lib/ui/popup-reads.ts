/**
 * The popup's storage reads, started as early as the page can: a small classic script at the top of popup.html
 * (entrypoints/popup-reads.ts) starts the first read (the small items and the popup index) before the page's
 * modules are fetched, compiled and run — the longest part of opening the popup — so it is in when the popup's
 * code asks for it. Only the keys are imported: that script carries nothing else.
 *
 * The feeds' data (1.4 MB for 2,000 events) and the seen ids are not read here: the popup reads them once the
 * index's first frame is on screen (lib/ui/popup-model.ts). Read from here, their answers landed while the
 * modules loaded and pushed the first rows back by ~60 ms; read after that frame they still bring the full list
 * as soon (the same browser, A/B: first rows ~250 → ~190 ms, full list ~400 → ~380 ms).
 *
 * The reads start before the popup's code watches storage, so every change is recorded from the start: a key
 * changed after the reads began is given with its newest value, never the older value read.
 */
import { STORAGE_KEYS } from '../storage-keys';

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
    local: { get(keys: string[]): Promise<Record<string, unknown>> };
    onChanged: {
      addListener(listener: (changes: Changes, area: string) => void): void;
      removeListener(listener: (changes: Changes, area: string) => void): void;
    };
  };
}

export interface PopupReads {
  /** `FIRST_READ_KEYS` as read. */
  first: Promise<Record<string, unknown>>;
  /** The newest value of every key changed since the reads started (undefined when removed). */
  changed: Map<string, unknown>;
  /** Stops recording changes (once the popup's own watchers follow storage). */
  stop(): void;
}

export function startPopupReads(api: PopupReadsApi): PopupReads {
  const changed = new Map<string, unknown>();
  const record = (changes: Changes, area: string) => {
    if (area !== 'local') return;
    for (const [key, change] of Object.entries(changes)) changed.set(key, change.newValue);
  };
  api.storage.onChanged.addListener(record);
  const first = api.storage.local.get([...FIRST_READ_KEYS]);
  // A failed read is the caller's to handle when it takes the reads: nothing is reported before.
  first.catch(() => undefined);
  return { first, changed, stop: () => api.storage.onChanged.removeListener(record) };
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
