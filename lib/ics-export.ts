/**
 * "Add to calendar": one event as an RFC 5545 file, and a Google Calendar link. Pure: the page turns the text
 * into a Blob download. Times are written in UTC (or as plain dates for all-day events), so no VTIMEZONE is
 * needed and every calendar shows the same instant.
 */
import type { MeetupEvent } from './events';
import { safeHttpUrl } from './events';
import { addDaysToIsoDate } from './time';

/** TEXT escaping of RFC 5545 §3.3.11: backslash, semicolon, comma and newlines. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n?|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line to 75 octets (RFC 5545 §3.1), never splitting a UTF-8 sequence or a surrogate pair;
 * continuation lines start with one space, which counts toward their 75.
 */
export function foldIcsLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (currentBytes + bytes > limit) {
      parts.push(current);
      current = '';
      currentBytes = 0;
      limit = 74;
    }
    current += char;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function compactUtc(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  );
}

function compactDate(isoDate: string): string {
  return isoDate.slice(0, 10).replace(/-/g, '');
}

/** End date (exclusive) of an all-day event; a missing end means one day. */
function allDayEnd(event: MeetupEvent): string {
  return event.end ? event.end.slice(0, 10) : addDaysToIsoDate(event.start.slice(0, 10), 1);
}

/** The place as one line: the feed's own text first, else what the place fields hold. */
export function eventLocationText(event: MeetupEvent): string | null {
  if (event.location?.trim()) return event.location.trim();
  const place = event.place;
  if (!place) return null;
  const parts = [place.name, place.street, [place.postalCode, place.locality].filter(Boolean).join(' '), place.country]
    .map((part) => part?.trim())
    .filter((part): part is string => !!part);
  return parts.length ? parts.join(', ') : null;
}

function descriptionWithLink(event: MeetupEvent): string {
  const url = safeHttpUrl(event.url);
  const text = event.description?.trim() ?? '';
  return url ? (text ? `${text}\n\n${url}` : url) : text;
}

export interface IcsOptions {
  /** DTSTAMP instant in ms (the moment of the export). */
  now: number;
}

/** A complete VCALENDAR with this one event, lines folded and joined with CRLF. */
export function eventToIcs(event: MeetupEvent, options: IcsOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Local Meetups//Local Meetups//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    // The event id already joins feed, UID and occurrence: unique and stable, so re-importing updates.
    `UID:${escapeIcsText(event.id)}`,
    `DTSTAMP:${compactUtc(new Date(options.now).toISOString())}`,
  ];
  if (event.allDay) {
    lines.push(`DTSTART;VALUE=DATE:${compactDate(event.start)}`, `DTEND;VALUE=DATE:${compactDate(allDayEnd(event))}`);
  } else {
    lines.push(`DTSTART:${compactUtc(event.start)}`);
    if (event.end && Date.parse(event.end) > Date.parse(event.start)) lines.push(`DTEND:${compactUtc(event.end)}`);
  }
  lines.push(`SUMMARY:${escapeIcsText(event.title)}`);
  const location = eventLocationText(event);
  if (location) lines.push(`LOCATION:${escapeIcsText(location)}`);
  // Only the feed's own coordinates: a resolved town centre is not where the event is.
  const lat = event.place?.lat ?? null;
  const lon = event.place?.lon ?? null;
  if (lat !== null && lon !== null) lines.push(`GEO:${lat.toFixed(6)};${lon.toFixed(6)}`);
  const description = descriptionWithLink(event);
  if (description) lines.push(`DESCRIPTION:${escapeIcsText(description)}`);
  const url = safeHttpUrl(event.url);
  if (url) lines.push(`URL:${url}`);
  if (event.status === 'cancelled') lines.push('STATUS:CANCELLED');
  else if (event.status === 'tentative') lines.push('STATUS:TENTATIVE');
  else lines.push('STATUS:CONFIRMED');
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}

/** A file name safe on every OS: letters, digits and dashes from the title. */
export function icsFileName(event: MeetupEvent): string {
  const slug = event.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'event'}.ics`;
}

const GOOGLE_DETAILS_MAX = 1500;

/** Google Calendar's "create event" template link, prefilled with this event. */
export function googleCalendarUrl(event: MeetupEvent): string {
  let dates: string;
  if (event.allDay) {
    dates = `${compactDate(event.start)}/${compactDate(allDayEnd(event))}`;
  } else {
    const startMs = Date.parse(event.start);
    const endIso = event.end && Date.parse(event.end) > startMs ? event.end : null;
    // Google needs an end; without one, an hour is what Google itself proposes for a new event.
    dates = `${compactUtc(event.start)}/${compactUtc(endIso ?? new Date(startMs + 3_600_000).toISOString())}`;
  }
  const params = new URLSearchParams({ action: 'TEMPLATE', text: event.title, dates });
  let details = descriptionWithLink(event);
  // Long descriptions make URLs that browsers and Google refuse; the event page link stays at the end.
  if (details.length > GOOGLE_DETAILS_MAX) {
    const url = safeHttpUrl(event.url);
    const room = GOOGLE_DETAILS_MAX - (url ? url.length + 3 : 1);
    details = `${(event.description ?? '').slice(0, room).trimEnd()}…${url ? `\n\n${url}` : ''}`;
  }
  if (details) params.set('details', details);
  const location = eventLocationText(event);
  if (location) params.set('location', location);
  if (event.timeZone && !event.allDay) params.set('ctz', event.timeZone);
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

/** OpenStreetMap link: a marker when the event has coordinates, else a search for its address. */
export function openStreetMapUrl(event: MeetupEvent): string | null {
  if (event.online && !event.place && !event.location) return null;
  const lat = event.place?.lat ?? (event.resolved?.source === 'coordinates' ? event.resolved.lat : null);
  const lon = event.place?.lon ?? (event.resolved?.source === 'coordinates' ? event.resolved.lon : null);
  if (lat != null && lon != null) {
    return `https://www.openstreetmap.org/?mlat=${lat.toFixed(5)}&mlon=${lon.toFixed(5)}#map=17/${lat.toFixed(5)}/${lon.toFixed(5)}`;
  }
  const place = event.place;
  const address = place
    ? [place.name, place.street, [place.postalCode, place.locality].filter(Boolean).join(' '), place.country]
        .map((part) => part?.trim())
        .filter(Boolean)
        .join(', ')
    : '';
  const query = address || event.location?.trim() || '';
  if (!query) return null;
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(query)}`;
}
