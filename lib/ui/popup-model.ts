/**
 * The popup's model: storage mirrored into signals, the derived lists the popup shows, and the few actions
 * a person takes there. Only stored data and messages: no parser, no gazetteer (see popup-imports test).
 */
import { batch, computed, effect, signal, type Signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { storage, type WxtStorageItem } from 'wxt/utils/storage';
import { STORAGE_KEYS } from '../storage-keys';
import { safeHttpUrl, type MeetupEvent } from '../events';
import { dayKeyOf, eventDayKey } from '../format';
import { feedLabel } from '../host-name';
import { searchText } from '../search-text';
import { eventDistanceKm, eventTown, isInPerson, isOnline } from '../location/near';
import { followFeedData } from './mirror';
import { currentValue, FIRST_READ_KEYS, takePopupReads, type PopupReadsApi } from './popup-reads';
import { sendMessage } from '../messages';
import { popupIndexFeedData, type PopupIndex } from '../popup-index';
import { DEFAULT_SETTINGS, type FeedConfig, type Settings } from '../settings';
import {
  feedsItem,
  popupIndexItem,
  refreshStatusItem,
  seenItem,
  settingsItem,
  starredItem,
  type FeedData,
  type RefreshStatus,
  type StarredSnapshot,
} from '../storage';
import { isDayThisWeek, isNearUser, isNews, nearFilterOf, sourceIds, upcomingEvents } from '../upcoming';

export type WhenFilter = 'all' | 'week';
export type ModeFilter = 'all' | 'inPerson' | 'online';
export type PopupView = 'upcoming' | 'starred';
export type PopupScreen = 'loading' | 'welcome' | 'noFeeds' | 'noEvents' | 'noMatches' | 'list';

export interface EventItem {
  event: MeetupEvent;
  feedName: string;
  startMs: number;
  dayKey: string;
  distanceKm: number | null;
  isNew: boolean;
  starred: boolean;
  /** Every copy of this meetup (the shown one first): more than one when several feeds publish it. */
  sources: MeetupEvent[];
}

export interface DayGroup {
  dayKey: string;
  items: EventItem[];
}

export interface FailingFeed {
  id: string;
  name: string;
  error: string;
}

export interface PopupModelOptions {
  /** The user's zone for day grouping and times. */
  timeZone: string;
  now?: () => number;
  /** How often "now" moves (relative times, events ending); 0 disables the timer (tests). */
  tickMs?: number;
  /** Resolves once the first frame painted from the popup index is on screen (default: next frame, or 100 ms). */
  afterFirstPaint?: () => Promise<void>;
}

function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    // A popup page in a background tab gets no animation frames: the timeout keeps the full read coming.
    const fallback = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

/**
 * Where a place line starts: the venue the reader found, else the venue part of the feed's LOCATION text —
 * before " (" or the first comma outside parentheses ("La Grande Halle (rue de la Côte, Caen, France 14000)"
 * → "La Grande Halle"); a text that is only a parenthesis keeps what is inside it.
 */
export function venueName(event: Pick<MeetupEvent, 'place' | 'location'>): string | null {
  const named = event.place?.name?.trim();
  if (named) return named;
  const text = event.location?.trim();
  if (!text) return null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '(') {
      const before = text.slice(0, i).trim();
      if (depth === 0 && before) return before.replace(/[,;:–-]+$/, '').trim();
      depth++;
    } else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0) return text.slice(0, i).trim() || null;
  }
  const whole = text.replace(/^\((.*)\)$/, '$1').trim();
  return whole || null;
}

/** Radius steps offered when nothing is near: the next one above the current radius. */
export const WIDEN_STEPS_KM = [50, 100, 200];

const haystacks = new WeakMap<MeetupEvent, string>();
function haystackOf(event: MeetupEvent): string {
  let text = haystacks.get(event);
  if (text === undefined) {
    const place = event.place;
    text = searchText(
      [event.title, event.location, place?.name, place?.locality, event.resolved?.city, event.description]
        .filter(Boolean)
        .join('\n'),
    );
    haystacks.set(event, text);
  }
  return text;
}

export function createPopupModel(options: PopupModelOptions) {
  const clock = options.now ?? Date.now;
  const zone = options.timeZone;

  const settings = signal<Settings>(DEFAULT_SETTINGS);
  const feeds = signal<FeedConfig[]>([]);
  const feedData = signal<Record<string, FeedData>>({});
  const seen = signal<string[]>([]);
  const starred = signal<Record<string, StarredSnapshot>>({});
  const refreshStatus = signal<RefreshStatus>({ running: false, done: 0, total: 0, lastRefresh: null });
  /** Something to show: the popup index, or the full data. */
  const loaded = signal(false);
  /** The full feed data is in (descriptions, every event): detail, search and counts are exact. */
  const complete = signal(false);
  const now = signal(clock());

  /** Seen ids as they were when the popup opened: markers stay visible for this opening. */
  const seenAtOpen = signal<ReadonlySet<string>>(new Set());

  const query = signal('');
  const when = signal<WhenFilter>('all');
  const mode = signal<ModeFilter>('all');
  const feedFilter = signal<string | null>(null);
  const view = signal<PopupView>('upcoming');
  const selectedId = signal<string | null>(null);
  /** The event whose detail was last closed: the list gives it focus back. */
  const returnFocusId = signal<string | null>(null);
  const actionError = signal<string | null>(null);
  const refreshRequested = signal(false);

  const todayKey = computed(() => dayKeyOf(now.value, zone));

  const feedsById = computed(() => new Map(feeds.value.map((feed) => [feed.id, feed])));
  const enabledFeeds = computed(() => feeds.value.filter((feed) => feed.enabled));

  /** Every upcoming event of the enabled feeds, sorted, with what the rows need. */
  const upcoming = computed<EventItem[]>(() => {
    const nowMs = now.value;
    const today = todayKey.value;
    const seenSet = seenAtOpen.value;
    const stars = starred.value;
    const city = settings.value.city;
    const data = feedData.value;
    // Signals read once, not per event (each read of a signal inside a computed goes through its tracking).
    const byId = feedsById.value;
    return upcomingEvents(enabledFeeds.value, (id) => data[id]?.events, zone, nowMs).map(({ event, startMs, sources }) => {
      const feed = byId.get(event.feedId);
      return {
        event,
        feedName: feed ? feedLabel(feed) : '',
        startMs,
        dayKey: eventDayKey(event, zone, today),
        distanceKm: eventDistanceKm(event, city),
        // As the badge counts (lib/upcoming): a cancelled event is never news; a copy seen from one feed is seen.
        isNew: isNews({ event, startMs, sources }, seenSet),
        starred: sources.some((source) => source.id in stars),
        sources,
      };
    });
  });

  const nearFilter = computed(() => nearFilterOf(settings.value));

  const nearUpcoming = computed(() => {
    const filter = nearFilter.value;
    return upcoming.value.filter((item) => isNearUser(item.event, filter));
  });
  const starredUpcoming = computed(() => upcoming.value.filter((item) => item.starred));

  const filtersActive = computed(
    () => query.value.trim() !== '' || when.value !== 'all' || mode.value !== 'all' || feedFilter.value !== null,
  );

  const visible = computed<EventItem[]>(() => {
    const base = view.value === 'starred' ? starredUpcoming.value : nearUpcoming.value;
    if (!filtersActive.value) return base;
    const words = searchText(query.value).split(/\s+/).filter(Boolean);
    const today = todayKey.value;
    const [whenFilter, modeFilter, feedId] = [when.value, mode.value, feedFilter.value];
    return base.filter(({ event, dayKey }) => {
      if (whenFilter === 'week' && !isDayThisWeek(dayKey, today)) return false;
      if (modeFilter === 'online' && !isOnline(event)) return false;
      if (modeFilter === 'inPerson' && !isInPerson(event)) return false;
      if (feedId !== null && event.feedId !== feedId) return false;
      if (words.length) {
        const haystack = haystackOf(event);
        if (!words.every((word) => haystack.includes(word))) return false;
      }
      return true;
    });
  });

  const groups = computed<DayGroup[]>(() => {
    const result: DayGroup[] = [];
    for (const item of visible.value) {
      const last = result[result.length - 1];
      if (last && last.dayKey === item.dayKey) last.items.push(item);
      else result.push({ dayKey: item.dayKey, items: [item] });
    }
    return result;
  });

  /** Only once complete: the popup index holds the first events, not all of them. */
  const newCount = computed(() => (complete.value ? nearUpcoming.value.filter((item) => item.isNew).length : 0));

  const failingFeeds = computed<FailingFeed[]>(() =>
    enabledFeeds.value.flatMap((feed) => {
      const error = feedData.value[feed.id]?.state.error;
      return error ? [{ id: feed.id, name: feedLabel(feed), error }] : [];
    }),
  );

  /** Latest successful sync: the refresh status, else the newest feed success. */
  const lastUpdatedMs = computed<number | null>(() => {
    const stamps = [refreshStatus.value.lastRefresh, ...Object.values(feedData.value).map((d) => d.state.lastSuccess)]
      .map((iso) => (iso ? Date.parse(iso) : NaN))
      .filter((ms) => Number.isFinite(ms));
    return stamps.length ? Math.max(...stamps) : null;
  });

  const refreshing = computed(() => refreshRequested.value || refreshStatus.value.running);

  const nextRadiusKm = computed(() => WIDEN_STEPS_KM.find((km) => km > settings.value.radiusKm) ?? null);

  const screen = computed<PopupScreen>(() => {
    if (!loaded.value) return 'loading';
    if (feeds.value.length === 0) return settings.value.city ? 'noFeeds' : 'welcome';
    if (view.value === 'upcoming' && nearUpcoming.value.length === 0) return 'noEvents';
    if (visible.value.length === 0) return 'noMatches';
    return 'list';
  });

  const selected = computed<EventItem | null>(() => {
    const id = selectedId.value;
    // The index has no descriptions: the detail waits for the full data.
    if (id === null || !complete.value) return null;
    return upcoming.value.find((item) => item.event.id === id) ?? null;
  });

  // ---- lifecycle ------------------------------------------------------------------------------------------

  const unwatchers: (() => void)[] = [];
  const feedMirrors = new Map<string, () => void>();
  let stopFeedEffect: (() => void) | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  /**
   * Follows each feed from now on and reads their data in one go; resolves to the step that shows what was
   * read (a change that landed first wins over the older read), so the caller decides when it lands.
   */
  function followFeeds(feedIds: string[]): Promise<() => void> {
    const { stops, read } = followFeedData(feedIds, (feedId, value) => {
      feedData.value = { ...feedData.value, [feedId]: value };
    });
    for (const [feedId, stop] of stops) feedMirrors.set(feedId, stop);
    return read.then((fresh) => () => {
      const next = { ...feedData.value };
      for (const [feedId, value] of fresh()) next[feedId] = value;
      feedData.value = next;
    });
  }

  /**
   * The popup's first read, started by the page's first script when it could (lib/ui/popup-reads.ts), as of now: a
   * key changed since it started has its newest value. The items' own watchers follow storage from here on.
   */
  const reads = takePopupReads(browser as unknown as PopupReadsApi);
  const firstValues = reads.first
    .then((values) => Object.fromEntries(FIRST_READ_KEYS.map((key) => [key, currentValue(reads, values, key)])))
    .finally(() => reads.stop());

  /**
   * Items followed from now on and shown from `read` (a change that lands first wins over the older read).
   * With `withIndex`, the popup index read with them is handed, in the same batch, to `withIndex`.
   */
  async function readItems<R>(
    mirrored: ReadonlyArray<readonly [WxtStorageItem<any, any>, Signal<any>]>,
    read: Promise<Readonly<Record<string, unknown>>>,
    withIndex?: (index: PopupIndex | null) => R,
  ): Promise<R | undefined> {
    const changed = new Set<string>();
    for (const [item, target] of mirrored) {
      unwatchers.push(
        storage.watch<unknown>(item.key, (value) => {
          changed.add(item.key);
          target.value = value ?? item.fallback;
        }),
      );
    }
    const values = await read;
    const valueOf = (item: { key: string }) => values[item.key.replace(/^local:/, '')];
    // One batch: the page renders once, with the settings, the feeds and the indexed events together.
    return batch(() => {
      for (const [item, target] of mirrored) {
        if (!changed.has(item.key)) target.value = valueOf(item) ?? item.fallback;
      }
      return withIndex?.((valueOf(popupIndexItem) as PopupIndex | null | undefined) ?? null);
    });
  }

  /**
   * Shown as soon as read, so the storage round trip runs while the page renders its skeleton; shows the popup
   * index when it was built for the settings and feeds just read. Resolves to whether it did.
   */
  const firstRead = readItems(
    [
      [settingsItem, settings],
      [feedsItem, feeds],
      [starredItem, starred],
      [refreshStatusItem, refreshStatus],
    ],
    firstValues,
    (index) => {
      const fromIndex = popupIndexFeedData(index, settings.value, feeds.value, zone);
      if (!fromIndex) return false;
      feedData.value = fromIndex.data;
      seenAtOpen.value = fromIndex.seen;
      loaded.value = true;
      return true;
    },
  );
  firstRead.catch(() => undefined);

  /**
   * Paints from the popup index when it matches what was just read, then shows the full feed data and the seen
   * ids; without a usable index, straight from the full data. The full read is asked for once the index's frame
   * is painted (lib/ui/popup-reads.ts says why). Resolves once the full data is shown.
   */
  async function start(): Promise<void> {
    const fromIndex = await firstRead;
    if (fromIndex) {
      // In the E2E figures (tests/e2e/support/measure.ts) next to the full data's marks.
      if (typeof performance !== 'undefined') performance.mark('popup-index-shown');
      await (options.afterFirstPaint ?? nextPaint)();
    }
    const [, showFeedData] = await Promise.all([
      readItems([[seenItem, seen]], browser.storage.local.get([STORAGE_KEYS.seen])),
      followFeeds(feeds.value.map((feed) => feed.id)),
    ]);
    const hashId = eventIdFromHash(typeof location === 'undefined' ? '' : location.hash);
    // One batch: the 2,000-event list is derived and rendered once, with its "new" markers.
    batch(() => {
      showFeedData();
      seenAtOpen.value = new Set(seen.value);
      if (hashId) selectedId.value = hashId;
      loaded.value = true;
      complete.value = true;
    });
    // Feeds added or removed while the popup is open (an import in the options page, a refresh).
    stopFeedEffect = effect(() => {
      const ids = new Set(feeds.value.map((feed) => feed.id));
      const added = [...ids].filter((id) => !feedMirrors.has(id));
      if (added.length) void followFeeds(added).then((show) => show());
      for (const [id, stop] of feedMirrors) {
        if (!ids.has(id)) {
          stop();
          feedMirrors.delete(id);
        }
      }
    });
    if (options.tickMs !== 0) {
      timer = setInterval(() => {
        now.value = clock();
      }, options.tickMs ?? 30_000);
    }
  }

  function dispose(): void {
    reads.stop();
    for (const stop of unwatchers.splice(0)) stop();
    for (const stop of feedMirrors.values()) stop();
    feedMirrors.clear();
    stopFeedEffect?.();
    if (timer) clearInterval(timer);
  }

  // ---- actions ----------------------------------------------------------------------------------------------

  async function guard(action: () => Promise<unknown>, message: string): Promise<void> {
    try {
      actionError.value = null;
      await action();
    } catch {
      actionError.value = message;
    }
  }

  return {
    // state
    settings,
    feeds,
    feedsById,
    feedData,
    starred,
    refreshStatus,
    loaded,
    complete,
    now,
    todayKey,
    query,
    when,
    mode,
    feedFilter,
    view,
    selectedId,
    returnFocusId,
    actionError,
    // derived
    upcoming,
    nearUpcoming,
    starredUpcoming,
    visible,
    groups,
    newCount,
    failingFeeds,
    lastUpdatedMs,
    refreshing,
    nextRadiusKm,
    filtersActive,
    screen,
    selected,
    // lifecycle
    start,
    dispose,
    // actions
    /** Marks what this opening shows as seen; the markers stay until the popup closes. */
    markSeen(): Promise<void> {
      const ids = nearUpcoming.value.filter((item) => item.isNew).flatMap(sourceIds);
      if (!ids.length) return Promise.resolve();
      return sendMessage('markSeen', { ids }).catch(() => undefined);
    },
    refresh(errorMessage: string): Promise<void> {
      refreshRequested.value = true;
      return guard(() => sendMessage('refreshAll', undefined), errorMessage).finally(() => {
        refreshRequested.value = false;
        now.value = clock();
      });
    },
    async toggleStar(event: MeetupEvent): Promise<void> {
      const current = await starredItem.getValue();
      const next = { ...current };
      // A meetup published by several feeds is starred under the copy shown; unstarring clears every copy.
      const copies = upcoming.value.find((item) => item.event.id === event.id)?.sources.map((source) => source.id) ?? [event.id];
      const starredCopies = copies.filter((id) => id in next);
      if (starredCopies.length > 0) for (const id of starredCopies) delete next[id];
      else {
        next[event.id] = {
          id: event.id,
          title: event.title,
          start: event.start,
          location: event.location,
          status: event.status,
          remindedAt: null,
          town: eventTown(event),
        };
      }
      await starredItem.setValue(next);
    },
    async setRadius(radiusKm: number): Promise<void> {
      const current = await settingsItem.getValue();
      await settingsItem.setValue({ ...current, radiusKm });
    },
    openOptions(): Promise<void> {
      return browser.runtime.openOptionsPage();
    },
    clearFilters(): void {
      batch(() => {
        query.value = '';
        when.value = 'all';
        mode.value = 'all';
        feedFilter.value = null;
      });
    },
    openDetail(id: string): void {
      selectedId.value = id;
    },
    closeDetail(): void {
      batch(() => {
        returnFocusId.value = selectedId.value;
        selectedId.value = null;
      });
    },
  };
}

export type PopupModel = ReturnType<typeof createPopupModel>;

/** `#event=<id>`: the background opens the popup page in a tab on a notification click without a URL. */
export function eventIdFromHash(hash: string): string | null {
  const match = /^#?event=(.+)$/.exec(hash);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** The event's page, re-checked here: a link that is not http(s) never becomes clickable. */
export function eventPageUrl(event: MeetupEvent): string | null {
  return safeHttpUrl(event.url);
}
