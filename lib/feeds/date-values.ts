/**
 * Dates as JSON feeds write them: ISO 8601 with or without an offset, "YYYY-MM-DD HH:MM", plain dates, and
 * unix timestamps in seconds or milliseconds. A time without an offset is *floating*: it is read in the
 * feed's zone, never in the zone of the machine that happens to parse it.
 */
import {
  addDaysToIsoDate,
  canonicalTimeZone,
  systemTimeZone,
  toIsoDate,
  toUtcIso,
  utcMsToZonedTime,
  zonedTimeToUtcMs,
  type WallTime,
} from '../time';

export type DateValue =
  | { kind: 'instant'; ms: number }
  | { kind: 'floating'; wall: WallTime }
  | { kind: 'date'; date: string };

const ISO_EXTENDED =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/i;
/** Unix timestamps below this are seconds (until the year 5138); above, milliseconds (from March 1973). */
const SECONDS_LIMIT = 1e11;
const MIN_MS = Date.UTC(1900, 0, 1);
const MAX_MS = Date.UTC(2200, 0, 1);

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validWall(w: WallTime): boolean {
  return (
    w.year >= 1900 && w.year < 2200 && w.month >= 1 && w.month <= 12 && w.day >= 1 &&
    w.day <= daysInMonth(w.year, w.month) && w.hour <= 23 && w.minute <= 59 && w.second <= 60
  );
}

function fromTimestamp(value: number): DateValue | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const ms = Math.abs(value) < SECONDS_LIMIT ? value * 1000 : value;
  return ms >= MIN_MS && ms < MAX_MS ? { kind: 'instant', ms: Math.round(ms) } : null;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

/** Reads one date value; null when it is not a date we can trust. */
export function parseDateValue(value: unknown): DateValue | null {
  if (typeof value === 'number') return fromTimestamp(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!text) return null;
  if (/^\d{9,13}(?:\.\d+)?$/.test(text)) return fromTimestamp(Number(text));
  let parts: (string | undefined)[] | null = null;
  const extended = ISO_EXTENDED.exec(text);
  if (extended) parts = [extended[1], extended[2], extended[3], extended[4], extended[5], extended[6], extended[8]];
  const basic = extended ? null : ISO_BASIC.exec(text);
  if (basic) parts = [basic[1], basic[2], basic[3], basic[4], basic[5], basic[6], basic[7]];
  if (!parts) return parseRfc2822(text);
  const [y, mo, d, h, mi, s, offset] = parts;
  const wall: WallTime = {
    year: Number(y), month: Number(mo), day: Number(d),
    hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Math.min(59, Number(s ?? 0)),
  };
  if (!validWall(wall)) return null;
  if (h === undefined) return { kind: 'date', date: toIsoDate(wall.year, wall.month, wall.day) };
  if (offset === undefined) return { kind: 'floating', wall };
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return { kind: 'instant', ms: naive - offsetMinutes(offset) * 60_000 };
}

/** "Tue, 24 Nov 2026 18:30:00 GMT" and the like, only when they name their zone (else Date.parse would guess). */
function parseRfc2822(text: string): DateValue | null {
  if (!/\d{1,2} [a-z]{3,} \d{4} \d{1,2}:\d{2}/i.test(text) || !/(?:\bGMT|\bUTC|[+-]\d{4})\s*$/i.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) && ms >= MIN_MS && ms < MAX_MS ? { kind: 'instant', ms } : null;
}

export interface EventTimes {
  start: string;
  end: string | null;
  allDay: boolean;
  timeZone: string | null;
}

export interface ResolveTimesOptions {
  /** The feed's zone, for floating times (default: the system zone). */
  zone?: string | null;
  /** A zone the event itself names (a `timezone` field): wins for floating times and is reported as timeZone. */
  eventZone?: string | null;
  /**
   * The zone the feed itself declares (a list's top-level `timezone`): reported as the timeZone of instants with
   * an offset when the event names none. Never the user's default zone: an offset says when, not where.
   */
  declaredZone?: string | null;
  /** schema.org writes the last day of an all-day event (inclusive); MeetupEvent ends are exclusive. */
  inclusiveEndDate?: boolean;
}

/** The zone floating times are read in: a valid requested zone, else the system zone. */
export function floatingZone(zone: string | null | undefined): string {
  return canonicalTimeZone(zone ?? null) ?? systemTimeZone();
}

/**
 * The zone a feed's floating times are read in, in this order: the user's per-feed zone (explicit), the zone the
 * feed declares (X-WR-TIMEZONE, a list's `timezone`), the default zone (the user's city's), the system zone.
 */
export function feedFloatingZone(
  options: { feedTimeZone?: string | null; defaultTimeZone?: string },
  declared?: string | null,
): string {
  return canonicalTimeZone(options.feedTimeZone ?? null) ?? canonicalTimeZone(declared ?? null) ?? floatingZone(options.defaultTimeZone);
}

/**
 * Options with the feed zone settled once per feed (`defaultTimeZone` becomes the zone floating times are read
 * in, see feedFloatingZone; `feedTimeZone` is spent): asking Intl for the system zone costs ~0.1 ms, which per
 * event made a 50,000-event feed take seconds.
 */
export function withFeedZone<T extends { defaultTimeZone?: string; feedTimeZone?: string | null }>(options: T, declared?: string | null): T {
  return { ...options, defaultTimeZone: feedFloatingZone(options, declared), feedTimeZone: undefined };
}

function toInstantMs(value: DateValue, zone: string): number | null {
  if (value.kind === 'instant') return value.ms;
  if (value.kind === 'floating') return zonedTimeToUtcMs(value.wall, zone);
  return null;
}

function wallDate(value: DateValue, zone: string): string {
  if (value.kind === 'date') return value.date;
  if (value.kind === 'floating') return toIsoDate(value.wall.year, value.wall.month, value.wall.day);
  const wall = utcMsToZonedTime(value.ms, zone);
  return toIsoDate(wall.year, wall.month, wall.day);
}

/**
 * Start and end as MeetupEvent stores them. Returns null when the start is unusable; an end that is unusable
 * or not after the start becomes null (the event itself is still good).
 */
export function resolveEventTimes(startRaw: unknown, endRaw: unknown, options: ResolveTimesOptions = {}): EventTimes | null {
  const start = parseDateValue(startRaw);
  if (!start) return null;
  const explicitZone = canonicalTimeZone(options.eventZone ?? null);
  const zone = explicitZone ?? floatingZone(options.zone);
  const end = endRaw === undefined || endRaw === null || endRaw === '' ? null : parseDateValue(endRaw);

  if (start.kind === 'date') {
    let endDate = end ? wallDate(end, zone) : null;
    if (endDate && end?.kind === 'date' && options.inclusiveEndDate) endDate = addDaysToIsoDate(endDate, 1);
    else if (endDate && end && end.kind !== 'date') endDate = addDaysToIsoDate(endDate, 1);
    if (!endDate || endDate <= start.date) endDate = addDaysToIsoDate(start.date, 1);
    return { start: start.date, end: endDate, allDay: true, timeZone: null };
  }

  const startMs = toInstantMs(start, zone)!;
  let endMs: number | null = null;
  if (end && end.kind !== 'date') endMs = toInstantMs(end, zone);
  if (endMs !== null && endMs < startMs) endMs = null;
  return {
    start: toUtcIso(startMs),
    end: endMs === null ? null : toUtcIso(endMs),
    allDay: false,
    // An offset says when, not where: the zone is known only when the event (or the feed itself) names one.
    timeZone: start.kind === 'floating' ? zone : (explicitZone ?? canonicalTimeZone(options.declaredZone ?? null)),
  };
}
