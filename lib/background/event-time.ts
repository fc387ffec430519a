/** Instants of stored events: timed events are `…Z` instants, all-day dates are taken in the user's zone. */
import type { MeetupEvent } from '../events';
import { addDaysToIsoDate, eventStartMs, systemTimeZone } from '../time';

export function startMs(event: MeetupEvent, zone: string = systemTimeZone()): number {
  return eventStartMs(event.start, zone);
}

/** End instant; an event without an end ends when it starts (all-day: at the end of its day). */
export function endMs(event: MeetupEvent, zone: string = systemTimeZone()): number {
  if (event.end) return eventStartMs(event.end, zone);
  // The next midnight, not start + 24 h: a DST day lasts 23 or 25 hours.
  if (event.allDay) return eventStartMs(addDaysToIsoDate(event.start.slice(0, 10), 1), zone);
  return startMs(event, zone);
}

/** Starts in the future. */
export function isFuture(event: MeetupEvent, now: number, zone?: string): boolean {
  return startMs(event, zone) > now;
}

/** Not over yet (ongoing events count). */
export function isUpcoming(event: MeetupEvent, now: number, zone?: string): boolean {
  return endMs(event, zone) > now;
}
