/** Dates for notifications and the tooltip, in the user's language and zone. */
import type { MeetupEvent } from '../events';

export function formatEventWhen(event: MeetupEvent, locale: string, zone: string): string {
  try {
    if (event.allDay || event.start.length === 10) {
      const [y, m, d] = event.start.slice(0, 10).split('-').map(Number) as [number, number, number];
      // An all-day date is formatted as a calendar date in UTC, never shifted through the user's zone.
      return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
    }
    return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZone: zone }).format(Date.parse(event.start));
  } catch {
    return event.start;
  }
}

export function formatInstant(ms: number, locale: string, zone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

export function placeLine(event: MeetupEvent): string {
  if (event.online && !event.location) return '';
  return event.resolved?.city ?? event.place?.locality ?? event.location ?? '';
}
