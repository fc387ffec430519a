/**
 * Wall-clock time in an IANA zone ⇄ UTC instants, using the platform's own zone data (Intl), so we ship no
 * tz database. Works the same in Node, the service worker and the pages.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

const validZones = new Map<string, string | null>();

/** The canonical spelling of an IANA zone the platform knows (case-insensitive), else null. */
export function canonicalTimeZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  const cached = validZones.get(zone);
  if (cached !== undefined) return cached;
  let result: string | null = null;
  try {
    result = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    result = null;
  }
  validZones.set(zone, result);
  return result;
}

export function isValidTimeZone(zone: string | null | undefined): boolean {
  return canonicalTimeZone(zone) !== null;
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const DAY_MS = 86_400_000;

/** UTC itself: no offset, no table, no Intl call. */
const isUtc = (zone: string) => zone === 'UTC' || zone === 'Etc/UTC';

/** One UTC day of a zone: its offset from midnight, and when that changes during the day, the new one and when. */
interface ZoneDay {
  offset: number;
  /** The first whole second with `offsetAfter`; Infinity when the offset holds all day. */
  changeMs: number;
  offsetAfter: number;
  /** steadyOffsetAround's answer, once asked. */
  steadyAround?: number | null;
}

/**
 * Offsets are cached per zone and UTC day, as zones change at most once a day: one Intl call per midnight serves
 * every instant of the day (events rarely share a quarter-hour, but often a day), and only a day whose two
 * midnights differ is searched for its change.
 */
const zoneDays = new Map<string, Map<number, ZoneDay>>();
/** Offsets at UTC midnights: a day's end is the next day's start, so neighbouring days share one Intl call. */
const midnightOffsets = new Map<string, Map<number, number>>();

/**
 * A zone's offsets over a span of instants, worked out at once: the instants where the offset changes (the first
 * whole second of each new offset, ascending) and the offset before, between and after them. A feed's events fall
 * in one window, and most of a user's feeds in one zone: one table answers every instant of the window, where asking
 * day by day costs four Intl calls per new day (each day and its neighbours), the most a waking worker spends per event.
 */
interface ZoneSpan {
  from: number;
  to: number;
  changes: number[];
  /** offsets[i] holds from changes[i - 1] (or `from`) until changes[i] (or `to`). */
  offsets: number[];
}
const zoneSpans = new Map<string, ZoneSpan>();

/**
 * Sampling step of a span: no zone the platform knows changes its offset twice within a week (the closest, predicted
 * for Gaza in 2040, are 7 days apart; time.test.ts checks every zone), so two equal offsets 4 days apart have none
 * between them, and unequal ones are searched to the second.
 */
const SPAN_STEP_MS = 4 * DAY_MS;
const MAX_SPAN_MS = 400 * DAY_MS;
/** Some days within the ±8.64e15 ms a Date holds. */
const MAX_DATE_MS = 8.6e15;

/**
 * Works out `zone`'s offsets from `fromMs` to `toMs` (a feed's window), unless its table covers them already;
 * zoneOffsetMs and zonedTimeToUtcMs then answer instants of the span from the table. One table per zone: a window
 * it does not cover replaces it.
 */
export function prepareZoneSpan(zone: string, fromMs: number, toMs: number): void {
  // A window of years (a command line's --to) is asked for day by day, as far as its events go; so is one at the
  // edge of what a Date holds, where Intl could not be asked.
  if (isUtc(zone) || !(toMs - fromMs <= MAX_SPAN_MS) || !(Math.abs(fromMs) < MAX_DATE_MS && Math.abs(toMs) < MAX_DATE_MS)) return;
  const known = zoneSpans.get(zone);
  if (known && known.from <= fromMs && known.to >= toMs) return;
  const from = Math.floor(fromMs / DAY_MS) * DAY_MS;
  const changes: number[] = [];
  const offsets = [midnightOffset(from, zone)];
  let at = from;
  let offset = offsets[0]!;
  while (at < toMs) {
    const next = at + SPAN_STEP_MS;
    const nextOffset = midnightOffset(next, zone);
    // Every change between the two samples (one, but a third offset would show a second).
    let searched = at;
    while (offset !== nextOffset) {
      searched = changeWithin(searched, next, offset, zone);
      offset = computeOffset(searched, zone);
      changes.push(searched);
      offsets.push(offset);
    }
    at = next;
  }
  zoneSpans.set(zone, { from, to: at, changes, offsets });
}

/** The span's index of the offset at `utcMs` (the span covers it). */
function spanIndex(span: ZoneSpan, utcMs: number): number {
  let i = 0;
  while (i < span.changes.length && span.changes[i]! <= utcMs) i++;
  return i;
}

/** Offset of `zone` from UTC at instant `utcMs`, in ms (Paris in winter: +3_600_000). */
export function zoneOffsetMs(utcMs: number, zone: string): number {
  if (isUtc(zone)) return 0;
  const span = zoneSpans.get(zone);
  if (span !== undefined && utcMs >= span.from && utcMs < span.to) return span.offsets[spanIndex(span, utcMs)]!;
  const day = zoneDay(Math.floor(utcMs / DAY_MS), zone);
  return utcMs < day.changeMs ? day.offset : day.offsetAfter;
}

/**
 * The offset of `zone` when it holds from the start of UTC day `day - 1` (days since 1970) to the end of `day + 1`,
 * else null: then no DST gap or overlap can touch a wall time of `day`, and naive − offset is its instant.
 */
function steadyOffsetAround(day: number, zone: string): number | null {
  if (isUtc(zone)) return 0;
  const span = zoneSpans.get(zone);
  const start = (day - 1) * DAY_MS;
  const end = (day + 2) * DAY_MS;
  if (span !== undefined && start >= span.from && end < span.to) {
    // Steady when no change falls after the start of the day before, up to the end of the day after.
    const i = spanIndex(span, start);
    return i < span.changes.length && span.changes[i]! <= end ? null : span.offsets[i]!;
  }
  const entry = zoneDay(day, zone);
  // Worked out once per day: every event of the day asks.
  if (entry.steadyAround === undefined) {
    const before = zoneDay(day - 1, zone);
    const after = zoneDay(day + 1, zone);
    const steady = [before, entry, after].every((d) => d.changeMs === Infinity && d.offset === entry.offset);
    entry.steadyAround = steady ? entry.offset : null;
  }
  return entry.steadyAround;
}

function zoneDay(day: number, zone: string): ZoneDay {
  let perZone = zoneDays.get(zone);
  if (!perZone) zoneDays.set(zone, (perZone = new Map()));
  let entry = perZone.get(day);
  if (entry === undefined) {
    const start = day * DAY_MS;
    const offset = midnightOffset(start, zone);
    const offsetAfter = midnightOffset(start + DAY_MS, zone);
    entry = { offset, offsetAfter, changeMs: offset === offsetAfter ? Infinity : changeWithin(start, start + DAY_MS, offset, zone) };
    if (perZone.size > 50_000) perZone.clear();
    perZone.set(day, entry);
  }
  return entry;
}

function midnightOffset(utcMs: number, zone: string): number {
  let perZone = midnightOffsets.get(zone);
  if (!perZone) midnightOffsets.set(zone, (perZone = new Map()));
  let offset = perZone.get(utcMs);
  if (offset === undefined) {
    offset = computeOffset(utcMs, zone);
    if (perZone.size > 50_000) perZone.clear();
    perZone.set(utcMs, offset);
  }
  return offset;
}

/** The first whole second in (from, to] whose offset is not `offset` (bisection: offsets have whole seconds). */
function changeWithin(from: number, to: number, offset: number, zone: string): number {
  let before = from;
  let after = to;
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (computeOffset(middle, zone) === offset) before = middle;
    else after = middle;
  }
  return after;
}

/** "11/24/2026 AD, 18:30:00": en-US with the options of formatterFor, as Chrome, Firefox and Node write it. */
const EN_US_WALL = /^(\d+)\/(\d+)\/(\d+) (A|AD|B|BC), (\d+):(\d+):(\d+)$/;

function computeOffset(utcMs: number, zone: string): number {
  const formatter = formatterFor(zone);
  const date = new Date(utcMs);
  // One string and one regex instead of a dozen part objects (the first reads of a feed make ~4 calls per day);
  // any other spelling of the string is read from the parts.
  const m = EN_US_WALL.exec(formatter.format(date));
  if (m) return offsetOf(utcMs, Number(m[3]), Number(m[1]), Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7]), m[4]!.startsWith('B'));
  const parts = formatter.formatToParts(date);
  let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, bc = false;
  for (const part of parts) {
    switch (part.type) {
      case 'year': year = Number(part.value); break;
      case 'month': month = Number(part.value); break;
      case 'day': day = Number(part.value); break;
      case 'hour': hour = Number(part.value); break;
      case 'minute': minute = Number(part.value); break;
      case 'second': second = Number(part.value); break;
      case 'era': bc = part.value === 'BC' || part.value === 'B'; break;
    }
  }
  return offsetOf(utcMs, year, month, day, hour, minute, second, bc);
}

function offsetOf(utcMs: number, year: number, month: number, day: number, hour: number, minute: number, second: number, bc: boolean): number {
  if (bc) year = 1 - year;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(asUtc);
  if (year >= 0 && year < 100) date.setUTCFullYear(year);
  return date.getTime() - (utcMs - (utcMs % 1000 + 1000) % 1000);
}

export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The UTC instant of a wall-clock time in `zone`. In a DST gap (02:30 on a spring-forward night) the time
 * moves forward by the gap, like RFC 5545 says; in an overlap the first (earlier) instant wins.
 */
export function zonedTimeToUtcMs(wall: WallTime, zone: string): number {
  return wallKeyToUtcMs(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second), zone);
}

/** zonedTimeToUtcMs of a wall time written as Date.UTC of its fields (a wall key), as recurrence steps are. */
export function wallKeyToUtcMs(naive: number, zone: string): number {
  if (isUtc(zone)) return naive;
  // Nearly every wall time: one offset holds from the day before to the day after, so no gap or overlap is near
  // and one cached lookup answers (the rule below would give the same instant).
  const steady = steadyOffsetAround(Math.floor(naive / DAY_MS), zone);
  if (steady !== null) return naive - steady;
  // Try the offsets in force a day either side; pick the earliest consistent instant.
  const before = zoneOffsetMs(naive - 86_400_000, zone);
  const after = zoneOffsetMs(naive + 86_400_000, zone);
  const candidates = before === after ? [before] : [before, after].sort((a, b) => b - a);
  for (const offset of candidates) {
    const instant = naive - offset;
    if (zoneOffsetMs(instant, zone) === offset) return instant;
  }
  // In a gap: no offset is consistent. Shift forward by the gap (use the offset before the transition).
  return naive - Math.min(before, after);
}

/** Wall-clock fields of an instant in `zone`. */
export function utcMsToZonedTime(utcMs: number, zone: string): WallTime {
  const local = new Date(utcMs + zoneOffsetMs(utcMs, zone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-11-24T17:30:00Z`: the one format of timed instants in MeetupEvent. */
export function toUtcIso(utcMs: number): string {
  const d = new Date(utcMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}Z`;
}

/** `2026-11-24`: the one format of all-day dates in MeetupEvent. */
export function toIsoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Adds days to an ISO date without going through a zone (all-day dates never shift). */
export function addDaysToIsoDate(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return toIsoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The same wall time `days` calendar days later (negative: earlier); months and years roll over. */
export function addDaysToWall(wall: WallTime, days: number): WallTime {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * `utcMs` plus `days` *nominal* days in `zone` (RFC 5545 §3.3.6: "P1D" is the same wall time the next day, 23 or
 * 25 hours across a DST change, while "PT24H" is exact). A wall time that falls in a DST gap moves forward.
 */
export function addNominalDays(utcMs: number, days: number, zone: string): number {
  if (days === 0 || isUtc(zone)) return utcMs + days * 86_400_000;
  const wall = utcMsToZonedTime(utcMs, zone);
  // utcMsToZonedTime drops milliseconds: keep them.
  return zonedTimeToUtcMs(addDaysToWall(wall, days), zone) + (((utcMs % 1000) + 1000) % 1000);
}

/** Start instant of an event start (`…Z` instant, or an all-day date taken at midnight in `zone`). */
export function eventStartMs(start: string, zone: string = systemTimeZone()): number {
  if (start.length === 10) {
    const [y, m, d] = start.split('-').map(Number) as [number, number, number];
    return zonedTimeToUtcMs({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0 }, zone);
  }
  return Date.parse(start);
}
