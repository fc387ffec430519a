/**
 * The popup's first paint from one small read: the background derives this index from the stored
 * feeds after each change, and the popup shows it until the full feed data (descriptions, every event for
 * search) is read right after. Storage stays the source of truth: the index is only trusted when it was built
 * for the settings, feeds and time zone the popup reads, and the popup applies its own time and near-me filters
 * to it, so an index that is a little old still shows a correct prefix of the list (time only removes events).
 */
import { nearFilterOf, upcomingEvents, upcomingNear } from './upcoming';
import type { FeedConfig, Settings } from './settings';
import { compactEvent, expandEvent, type StoredEvent } from './stored-events';
import { EMPTY_FEED_STATE, type FeedData, type FeedState } from './feed-data';

/** Upcoming events kept: more than the popup's first 30 rows, so events ending meanwhile leave it full. */
export const POPUP_INDEX_SIZE = 40;

export interface PopupIndexFeed {
  /** The feed's state as stored (its error line, last success): small, and whatever the popup shows of it. */
  state: FeedState;
  /** Compacted like stored events, without description, image and categories (the rows do not show them). */
  events: StoredEvent[];
}

export interface PopupIndex {
  /** What the index was built for (see `popupIndexKey`); anything else and the popup reads the full data. */
  key: string;
  builtAt: string;
  feeds: Record<string, PopupIndexFeed>;
  /** Which of the listed events the user has seen (the "New" markers), so the first paint needs no seen list. */
  seenIds: string[];
}

/** Everything that decides which events are near and upcoming, in the popup's time zone. */
export function popupIndexKey(settings: Settings, feeds: readonly FeedConfig[], zone: string): string {
  const city = settings.city;
  return JSON.stringify([
    zone,
    city ? [city.lat, city.lon] : null,
    settings.radiusKm,
    settings.includeOnline,
    // The home places a feed's events without a usable place: a new home changes which are near.
    feeds.map((feed) => [feed.id, feed.enabled, feed.home ? [feed.home.lat, feed.home.lon] : null]),
  ]);
}

export interface PopupIndexInput {
  settings: Settings;
  feeds: readonly FeedConfig[];
  data: ReadonlyMap<string, FeedData>;
  seen: ReadonlySet<string>;
  now: number;
  /** The popup's zone (the system's): the order of all-day events depends on it. */
  zone: string;
  size?: number;
}

/** The first `size` upcoming events near the user, in the popup's order, and every feed's status line. */
export function buildPopupIndex(input: PopupIndexInput): PopupIndex {
  const { zone, now } = input;
  const filter = nearFilterOf(input.settings);
  const upcoming = upcomingNear(upcomingEvents(input.feeds, (id) => input.data.get(id)?.events, zone, now), filter);
  const feeds: Record<string, PopupIndexFeed> = {};
  for (const feed of input.feeds) {
    feeds[feed.id] = { state: input.data.get(feed.id)?.state ?? EMPTY_FEED_STATE, events: [] };
  }
  const seenIds: string[] = [];
  // Every copy of a meetup goes in, so the popup merges them again exactly as it will from the full data.
  for (const { sources } of upcoming.slice(0, input.size ?? POPUP_INDEX_SIZE)) {
    for (const event of sources) {
      feeds[event.feedId]?.events.push(
        compactEvent({ ...event, description: null, image: null, categories: [], onlineUrl: null }, event.feedId),
      );
      if (input.seen.has(event.id)) seenIds.push(event.id);
    }
  }
  return { key: popupIndexKey(input.settings, input.feeds, zone), builtAt: new Date(now).toISOString(), feeds, seenIds };
}

export interface PopupIndexView {
  data: Record<string, FeedData>;
  /** The listed events already seen. */
  seen: Set<string>;
}

/**
 * The index as the popup's feed data, or null when it was built for other settings, feeds or zone (the popup
 * then waits for the full read).
 */
export function popupIndexFeedData(
  index: PopupIndex | null,
  settings: Settings,
  feeds: readonly FeedConfig[],
  zone: string,
): PopupIndexView | null {
  if (!index || index.key !== popupIndexKey(settings, feeds, zone)) return null;
  const data: Record<string, FeedData> = {};
  for (const [feedId, feed] of Object.entries(index.feeds)) {
    data[feedId] = {
      state: { ...EMPTY_FEED_STATE, ...feed.state },
      events: feed.events.map((event) => expandEvent(event, feedId)),
    };
  }
  return { data, seen: new Set(index.seenIds ?? []) };
}
