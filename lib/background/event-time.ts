/** Instants of stored events: timed events are `…Z` instants, all-day dates are taken in the user's zone. */
import type { MeetupEvent } from '../events';
import { eventStartMs, systemTimeZone } from '../time';

export function startMs(event: MeetupEvent, zone: string = systemTimeZone()): number {
  return eventStartMs(event.start, zone);
}

/** End instant; an event without an end ends when it starts (all-day: at the end of its day). */
export function endMs(event: MeetupEvent, zone: string = systemTimeZone()): number {
  if (event.end) return eventStartMs(event.end, zone);
  const start = startMs(event, zone);
  return event.allDay ? start + 24 * 3600_000 : start;
}

/** Starts in the future. */
export function isFuture(event: MeetupEvent, now: number, zone?: string): boolean {
  return startMs(event, zone) > now;
}

/** Not over yet (ongoing events count). */
export function isUpcoming(event: MeetupEvent, now: number, zone?: string): boolean {
  return endMs(event, zone) > now;
}
