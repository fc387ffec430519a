/**
 * Instants of stored events, for the popup, the background and the CLI alike: timed events are `…Z` instants,
 * all-day dates are taken at midnight in the zone the user reads them in. Whether an event is over, this week
 * or near is lib/upcoming's rule.
 */
import type { MeetupEvent } from './events';
import { addDaysToIsoDate, eventStartMs } from './time';

export function eventStartInstant(event: MeetupEvent, zone: string): number {
  return eventStartMs(event.start, zone);
}

/**
 * Instant the event ends (exclusive); an event without an end ends when it starts, an all-day one at the next
 * midnight (not start + 24 h: a DST day lasts 23 or 25 hours).
 */
export function eventEndInstant(event: MeetupEvent, zone: string): number {
  if (event.end) return eventStartMs(event.end, zone);
  if (event.allDay) return eventStartMs(addDaysToIsoDate(event.start.slice(0, 10), 1), zone);
  return eventStartMs(event.start, zone);
}
