/**
 * Keeps stored events useful and small. chrome.storage.local holds 10 MB for the whole extension, and 50 feeds
 * of 1,000 events cannot fit with full descriptions: past events go, descriptions are cut, and a feed over
 * its share keeps its soonest events.
 */
import type { MeetupEvent } from '../events';
import { compactEvent } from '../stored-events';
import { eventEndInstant, eventStartInstant } from '../event-time';
import { storedEventsText } from '../storage';
import { systemTimeZone } from '../time';

const DAY_MS = 24 * 3600_000;
/** Events that ended more than a day ago are dropped. */
export const PRUNE_AFTER_MS = DAY_MS;
/** What the popup shows of a description; the event page has the rest. */
export const STORED_DESCRIPTION_CHARS = 400;
/** Everything the feeds may take, all feeds together: 60 % of the 10 MB quota leaves room for the rest. */
export const FEED_DATA_TOTAL_BYTES = 6_000_000;
/** A single feed may use the whole share when there are few feeds, but never less than this. */
export const FEED_DATA_MIN_BYTES = 100_000;
/** Descriptions of events further away than this go first when a feed is over its share. */
const KEEP_DESCRIPTIONS_MS = 14 * DAY_MS;

export function pruneEvents(events: MeetupEvent[], now: number, zone: string = systemTimeZone()): MeetupEvent[] {
  return events.filter((event) => eventEndInstant(event, zone) >= now - PRUNE_AFTER_MS);
}

export function feedByteBudget(feedCount: number): number {
  return Math.max(FEED_DATA_MIN_BYTES, Math.floor(FEED_DATA_TOTAL_BYTES / Math.max(1, feedCount)));
}

export function truncateText(text: string | null, max: number): string | null {
  if (text === null || text.length <= max) return text;
  const cut = text.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

const encoder = new TextEncoder();
/** Bytes the events take in storage: their JSON text as a JSON string value, escapes included, as quotas count. */
export function storedBytes(events: MeetupEvent[], feedId: string): number {
  return encoder.encode(JSON.stringify(storedEventsText(events, feedId))).length;
}

export interface BudgetResult {
  events: MeetupEvent[];
  /** How many events were left out to fit; 0 when everything fits. */
  dropped: number;
}

/** Sorted by start; cut descriptions, then far descriptions, then the farthest events until it fits. */
export function fitEventsToBudget(
  events: MeetupEvent[],
  feedId: string,
  budgetBytes: number,
  now: number,
  zone: string = systemTimeZone(),
): BudgetResult {
  // An event's share of the stored text, escaped as storage counts it (the outer quotes are the list's).
  const sizeOf = (event: MeetupEvent) => encoder.encode(JSON.stringify(JSON.stringify(compactEvent(event, feedId)))).length - 2;
  // Each event is measured once (and again only if changed), so big feeds stay linear: `"[a,b]"` is 4 + sizes + commas.
  const kept = [...events]
    .sort((a, b) => eventStartInstant(a, zone) - eventStartInstant(b, zone))
    .map((event) => ({ ...event, description: truncateText(event.description, STORED_DESCRIPTION_CHARS) }));
  const sizes = kept.map(sizeOf);
  const total = () => 4 + sizes.reduce((sum, size) => sum + size + 1, 0) - (sizes.length > 0 ? 1 : 0);
  let size = total();
  if (size <= budgetBytes) return { events: kept, dropped: 0 };
  kept.forEach((event, index) => {
    if (event.description !== null && eventStartInstant(event, zone) - now > KEEP_DESCRIPTIONS_MS) {
      kept[index] = { ...event, description: null };
      sizes[index] = sizeOf(kept[index]);
    }
  });
  size = total();
  let count = kept.length;
  while (count > 0 && size > budgetBytes) {
    count -= 1;
    size -= (sizes[count] ?? 0) + (count > 0 ? 1 : 0);
  }
  return { events: kept.slice(0, count), dropped: kept.length - count };
}
