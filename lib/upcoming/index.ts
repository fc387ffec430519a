/**
 * "Upcoming and near me", the one rule the popup, its index, the badge, mark-seen, the Test preview and the
 * notifications all follow, so they never count different events:
 * - the window the feeds are read in (./window.ts);
 * - the zone a day is read in: the browser's own zone (`readingZone`). The popup shows times on the user's
 *   clock, so the day an all-day event starts, when "today" ends and what "this week" holds follow that clock
 *   everywhere, the background included. (The city's zone only decides how floating times in a feed are read:
 *   lib/location/default-zone.ts.)
 * - "over": ended, or, without an end, started more than two hours ago;
 * - "this week": today and the six calendar days after it, in the reading zone — what a person means by "the
 *   next 7 days" in a list grouped by day (an event on the seventh evening is next week, even if fewer than
 *   168 hours away), and an event still running counts as today's;
 * - near me: lib/location/near.ts's filter, reached through here;
 * - the same meetup in two feeds is one event (./same-meetup.ts).
 */
import { compareTitles, type MeetupEvent } from '../events';
import { eventEndInstant, eventStartInstant } from '../event-time';
import { dayKeyOf, daysBetween, eventDayKey } from '../format';
import { isNearUser, nearFilterOf, type NearFilter } from '../location/near';
import type { FeedConfig } from '../settings';
import { systemTimeZone } from '../time';
import { groupSameMeetups, mergeCopies } from './same-meetup';

export { isNearUser, nearFilterOf, type NearFilter };
export { defaultWindow, completeWindow, WINDOW_AHEAD_DAYS, WINDOW_AHEAD_MS, WINDOW_BEFORE_MS, type TimeWindow } from './window';

/** The zone days are read in: the browser's, in the popup and in the background alike. */
export function readingZone(): string {
  return systemTimeZone();
}

/** A timed event without an end stays listed this long after it starts. */
const OPEN_ENDED_MS = 2 * 3_600_000;

/** Ended, or (no end) started more than two hours ago. */
export function isEventOver(event: MeetupEvent, zone: string, nowMs: number, startMs = eventStartInstant(event, zone)): boolean {
  const endMs = eventEndInstant(event, zone);
  return endMs > startMs ? endMs <= nowMs : startMs + OPEN_ENDED_MS <= nowMs;
}

/** Days in "this week": today and the six after it. */
export const WEEK_DAYS = 7;

/** Whether a listing day (`YYYY-MM-DD`, see eventDayKey) falls in this week, seen from `todayKey`. */
export function isDayThisWeek(dayKey: string, todayKey: string): boolean {
  return daysBetween(todayKey, dayKey) < WEEK_DAYS;
}

export function isThisWeek(event: MeetupEvent, zone: string, nowMs: number): boolean {
  const today = dayKeyOf(nowMs, zone);
  return isDayThisWeek(eventDayKey(event, zone, today), today);
}

export interface UpcomingEvent {
  /** The event to show: one copy, completed from the others when the same meetup came from several feeds. */
  event: MeetupEvent;
  startMs: number;
  /** Every copy, the shown one first: their ids are what seen, starred and notified marks are kept under. */
  sources: MeetupEvent[];
}

/**
 * Events of the enabled feeds that are not over, the same meetup merged, sorted by start then title.
 * `eventsOf` gives a feed's stored events.
 */
export function upcomingEvents(
  feeds: readonly Pick<FeedConfig, 'id' | 'enabled'>[],
  eventsOf: (feedId: string) => readonly MeetupEvent[] | undefined,
  zone: string,
  nowMs: number,
): UpcomingEvent[] {
  const items: { event: MeetupEvent; startMs: number }[] = [];
  for (const feed of feeds) {
    if (!feed.enabled) continue;
    for (const event of eventsOf(feed.id) ?? []) {
      const startMs = eventStartInstant(event, zone);
      if (!isEventOver(event, zone, nowMs, startMs)) items.push({ event, startMs });
    }
  }
  items.sort(byStartThenTitle);
  const merged = groupSameMeetups(items).map((group): UpcomingEvent => {
    if (group.length === 1) return { event: group[0]!.event, startMs: group[0]!.startMs, sources: [group[0]!.event] };
    const { event, sources } = mergeCopies(group.map((item) => item.event));
    return { event, startMs: group.find((item) => item.event === sources[0])!.startMs, sources };
  });
  // The lead copy of a merged meetup may start a few minutes after another event.
  return merged.sort(byStartThenTitle);
}

function byStartThenTitle(a: { event: MeetupEvent; startMs: number }, b: { event: MeetupEvent; startMs: number }): number {
  return a.startMs - b.startMs || compareTitles(a.event.title, b.event.title);
}

/** The upcoming events near the user. */
export function upcomingNear(upcoming: readonly UpcomingEvent[], filter: NearFilter): UpcomingEvent[] {
  return upcoming.filter((item) => isNearUser(item.event, filter));
}

/** Ids of every copy: a mark on any of them is a mark on the meetup. */
export function sourceIds(item: Pick<UpcomingEvent, 'sources'>): string[] {
  return item.sources.map((source) => source.id);
}

/** Seen when any copy was seen: a meetup already shown from one feed is not news from another. */
export function isSeen(item: Pick<UpcomingEvent, 'sources'>, seen: ReadonlySet<string>): boolean {
  return item.sources.some((source) => seen.has(source.id));
}

/** What the badge and the "New" markers count: not cancelled (never news) and not seen. */
export function isNews(item: UpcomingEvent, seen: ReadonlySet<string>): boolean {
  return item.event.status !== 'cancelled' && !isSeen(item, seen);
}

/**
 * New events to announce, once per meetup: of the copies of one meetup announced in the same run only the
 * first candidate is kept, and a copy of a meetup the user already had from another feed is not news at all.
 * `stored` is every stored event of the enabled feeds (this run's included).
 */
export function oncePerMeetup(candidates: readonly MeetupEvent[], stored: readonly MeetupEvent[], zone: string): MeetupEvent[] {
  if (candidates.length === 0) return [];
  const order = new Map(candidates.map((event, i) => [event.id, i]));
  const all = new Map<string, MeetupEvent>();
  for (const event of [...stored, ...candidates]) all.set(event.id, event);
  const items = [...all.values()].map((event) => ({ event, startMs: eventStartInstant(event, zone) })).sort(byStartThenTitle);
  const keep = new Set<string>();
  for (const group of groupSameMeetups(items)) {
    if (group.some((item) => !order.has(item.event.id))) continue;
    const first = group.reduce((a, b) => (order.get(b.event.id)! < order.get(a.event.id)! ? b : a));
    keep.add(first.event.id);
  }
  return candidates.filter((event) => keep.has(event.id));
}
