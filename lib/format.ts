/**
 * Dates, times and distances for people, through Intl only (no date library in the popup bundle).
 * Every function takes the locale, the user's zone and "now" as parameters so tests pin them.
 */
import type { MeetupEvent } from './events';
import { addDaysToIsoDate, canonicalTimeZone, toIsoDate, zoneOffsetMs } from './time';

const cache = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

const DAY_MS = 86_400_000;
/** Day keys by local day number (days since 1970 of the zone's wall clock): the popup asks for 2,000 events. */
const dayKeys = new Map<number, string>();

/** `YYYY-MM-DD` of an instant in `zone`: the date of its wall clock there. */
export function dayKeyOf(utcMs: number, zone: string): string {
  const localDay = Math.floor((utcMs + zoneOffsetMs(utcMs, zone)) / DAY_MS);
  let key = dayKeys.get(localDay);
  if (key === undefined) {
    const wall = new Date(localDay * DAY_MS);
    key = toIsoDate(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate());
    if (dayKeys.size > 10_000) dayKeys.clear();
    dayKeys.set(localDay, key);
  }
  return key;
}

function isoDateToUtcNoon(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  // Noon keeps a plain date on its day whatever zone a formatter later assumes.
  return Date.UTC(y, m - 1, d, 12);
}

/** Whole days from `fromKey` to `toKey` (both `YYYY-MM-DD`). */
export function daysBetween(fromKey: string, toKey: string): number {
  return Math.round((isoDateToUtcNoon(toKey) - isoDateToUtcNoon(fromKey)) / 86_400_000);
}

/** The day an event starts in the user's zone; an all-day event's own date, never shifted through a zone. */
export function eventStartDayKey(event: MeetupEvent, zone: string): string {
  return event.allDay ? event.start.slice(0, 10) : dayKeyOf(Date.parse(event.start), zone);
}

/**
 * The day an event is listed under: its start day in the user's zone, or today for an event that began
 * earlier and is still running (a three-day conference shows up today, not three days ago).
 */
export function eventDayKey(event: MeetupEvent, zone: string, todayKey: string): string {
  const startKey = eventStartDayKey(event, zone);
  return startKey < todayKey ? todayKey : startKey;
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** "tomorrow", "in 5 minutes": one formatter per locale (each day heading and the footer ask). */
function relativeTimeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale, format);
  }
  return format;
}

function capitalize(text: string, locale: string): string {
  return text ? text.charAt(0).toLocaleUpperCase(locale) + text.slice(1) : text;
}

/** "Today", "Tomorrow", then "Thursday, November 26" / "Jeudi 26 novembre" (with the year when not this year). */
export function dayLabel(dayKey: string, todayKey: string, locale: string): string {
  const diff = daysBetween(todayKey, dayKey);
  if (diff === 0 || diff === 1) {
    return capitalize(relativeTimeFormat(locale).format(diff, 'day'), locale);
  }
  const sameYear = dayKey.slice(0, 4) === todayKey.slice(0, 4);
  const format = dateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone: 'UTC',
  });
  return capitalize(format.format(isoDateToUtcNoon(dayKey)), locale);
}

/** Short date with weekday, for places without a day heading (detail view, previews). */
export function shortDate(isoDate: string, locale: string): string {
  return dateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    isoDateToUtcNoon(isoDate),
  );
}

export interface EventTimeText {
  allDay: boolean;
  /** Times in the user's zone ("18:30 – 21:00"); for all-day events the date range when it spans days, else ''. */
  local: string;
  /** Times in the event's own zone with its abbreviation, only when that zone's clock differs from the user's. */
  there: string | null;
}

/** 24-hour locales write "01:30", 12-hour ones "1:30 AM": ask Intl which this locale uses. */
function hourStyle(locale: string): '2-digit' | 'numeric' {
  const cycle = dateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h23' || cycle === 'h24' ? '2-digit' : 'numeric';
}

function timeRange(startMs: number, endMs: number | null, zone: string, locale: string, withZone: boolean): string {
  const timeOptions: Intl.DateTimeFormatOptions = {
    hour: hourStyle(locale),
    minute: '2-digit',
    timeZone: zone,
    ...(withZone ? { timeZoneName: 'short' } : {}),
  };
  const time = dateTimeFormat(locale, timeOptions);
  if (endMs === null || endMs <= startMs) return time.format(startMs);
  const sameDay = dayKeyOf(startMs, zone) === dayKeyOf(endMs, zone);
  if (sameDay) return time.formatRange(startMs, endMs);
  if (endMs - startMs < 86_400_000) {
    // Overnight (22:00 – 01:30): the day heading already says which day; dates would only add noise.
    const plain = dateTimeFormat(locale, { hour: hourStyle(locale), minute: '2-digit', timeZone: zone });
    return `${plain.format(startMs)} – ${time.format(endMs)}`;
  }
  return dateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: zone,
    ...(withZone ? { timeZoneName: 'short' } : {}),
  }).formatRange(startMs, endMs);
}

/** Start–end for a list row; `userZone` is the zone the user reads times in. */
export function formatEventTime(event: MeetupEvent, userZone: string, locale: string): EventTimeText {
  if (event.allDay) {
    const start = event.start.slice(0, 10);
    const lastDay = event.end ? addDaysToIsoDate(event.end.slice(0, 10), -1) : start;
    const local =
      lastDay > start
        ? dateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).formatRange(
            isoDateToUtcNoon(start),
            isoDateToUtcNoon(lastDay),
          )
        : '';
    return { allDay: true, local, there: null };
  }
  const startMs = Date.parse(event.start);
  const endMs = event.end ? Date.parse(event.end) : null;
  const local = timeRange(startMs, endMs, userZone, locale, false);
  const eventZone = canonicalTimeZone(event.timeZone);
  const differs =
    eventZone !== null &&
    eventZone !== canonicalTimeZone(userZone) &&
    zoneOffsetMs(startMs, eventZone) !== zoneOffsetMs(startMs, userZone);
  return { allDay: false, local, there: differs && eventZone ? timeRange(startMs, endMs, eventZone, locale, true) : null };
}

/** One line for a notification: the full date of an all-day event, else a short date and time in `zone`. */
export function formatEventWhen(event: MeetupEvent, locale: string, zone: string): string {
  try {
    if (event.allDay || event.start.length === 10) {
      // An all-day date is formatted as a calendar date in UTC, never shifted through the user's zone.
      return dateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(isoDateToUtcNoon(event.start.slice(0, 10)));
    }
    return dateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZone: zone }).format(
      Date.parse(event.start),
    );
  } catch {
    return event.start;
  }
}

/** Date and time of an instant (the badge's "last refresh"); the ISO form if the zone is unknown. */
export function formatInstant(ms: number, locale: string, zone: string): string {
  try {
    return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

const distanceFormats = new Map<string, Intl.NumberFormat>();

/** "3.2 km" / "3,2 km"; one decimal under 10 km. The number and its unit never part across two lines. */
export function formatDistance(km: number, locale: string): string {
  const digits = km < 10 ? 1 : 0;
  const key = `${locale}|${digits}`;
  let format = distanceFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilometer', unitDisplay: 'short', maximumFractionDigits: digits });
    distanceFormats.set(key, format);
  }
  return format.format(km).replace(/ /g, '\u00a0');
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
];

/** "5 minutes ago" / "il y a 5 minutes"; "now" under a minute. */
export function formatRelativeTime(thenMs: number, nowMs: number, locale: string): string {
  const rtf = relativeTimeFormat(locale);
  let value = (thenMs - nowMs) / 1000;
  if (Math.abs(value) < 60) return rtf.format(0, 'second');
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return rtf.format(Math.round(value), unit);
    value /= size;
  }
  return rtf.format(Math.round(value), 'year');
}

/** The UI locale's language tag (`fr`, `en-US`), falling back to `en` for anything Intl does not accept. */
export function normalizeLocale(tag: string | null | undefined): string {
  const candidate = (tag ?? '').replace('_', '-');
  try {
    return Intl.getCanonicalLocales(candidate)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
