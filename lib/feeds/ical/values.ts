/**
 * iCalendar values as the reader needs them: TEXT (unescaping, cleaning), DATE and DATE-TIME (parsed to wall times
 * without an ICAL.Time), DURATION, and the ISO strings and day numbers events and occurrence keys are written in.
 */
import { htmlToText, plainLine, tidySpaces } from '../../text';
import { toIsoDate, toUtcIso, type WallTime } from '../../time';
import { approximateMs, parseDuration } from '../duration';

export const DAY = 86_400_000;

const HTML_HINT = /[<&]/;
const MESSY_SPACE = /[\r\t\u00a0]| {2}| \n|\n |\n{3}|^\s|\s$/;
/** htmlToText, skipping the tag and entity passes for text that has neither (most descriptions). */
export function blockText(value: string | null): string {
  if (!value) return '';
  if (HTML_HINT.test(value)) return htmlToText(value);
  if (!MESSY_SPACE.test(value)) return value;
  return tidySpaces(value);
}

/** What lineText would change: markup or entities, or whitespace other than single spaces between words. */
const LINE_MESS = /[<&]|[^\S ]| {2}|^ | $/;
const lineCache = new Map<string, string>();
/**
 * plainLine with the same shortcuts: a clean line (nearly every title) is returned as it is, spaces are collapsed
 * without the HTML passes, and only markup is memoised (places repeat in one feed; titles rarely do).
 */
export function lineText(value: string | null): string {
  if (!value) return '';
  if (!LINE_MESS.test(value)) return value;
  if (!HTML_HINT.test(value)) return value.replace(/\s+/g, ' ').trim();
  return memo(lineCache, value, plainLine);
}

/** `read(key)`, kept in `cache` for the next time (a cache past `limit` entries starts again). */
export function memo<K, T>(cache: Map<K, T>, key: K, read: (key: K) => T, limit = 5000): T {
  let result = cache.get(key);
  if (result === undefined) {
    result = read(key);
    if (cache.size > limit) cache.clear();
    cache.set(key, result);
  }
  return result;
}

/** RFC 5545 TEXT unescaping, as ical.js does it. */
export function unescapeText(value: string): string {
  let at = value.indexOf('\\');
  if (at === -1) return value;
  // As value.replace(/\\\\|\\;|\\,|\\[Nn]/g, …) reads it, without a callback per escape.
  let text = '';
  let copied = 0;
  while (at !== -1 && at + 1 < value.length) {
    const next = value.charCodeAt(at + 1);
    const unescaped = next === 92 ? '\\' : next === 59 ? ';' : next === 44 ? ',' : next === 110 || next === 78 ? '\n' : null;
    if (unescaped === null) {
      at = value.indexOf('\\', at + 1);
      continue;
    }
    text += value.slice(copied, at) + unescaped;
    copied = at + 2;
    at = value.indexOf('\\', copied);
  }
  return copied === 0 ? value : text + value.slice(copied);
}

/** Splits on a delimiter not preceded by a backslash (TEXT lists like CATEGORIES). */
export function splitUnescaped(value: string, delimiter: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = value.indexOf(delimiter); i !== -1; i = value.indexOf(delimiter, i + 1)) {
    let backslashes = 0;
    for (let j = i - 1; j >= start && value.charCodeAt(j) === 92; j--) backslashes++;
    if (backslashes % 2 === 1) continue;
    parts.push(value.slice(start, i));
    start = i + 1;
  }
  parts.push(value.slice(start));
  return parts;
}

export interface RawTime {
  value: string;
  type: string;
  tzid: string | null;
}

export type When =
  | { allDay: true; wall: WallTime; date: string }
  | { allDay: false; wall: WallTime; utc: boolean; tzid: string | null; timeInDate?: true };

const TIME_RE = /^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?(Z)?)?$/i;

/**
 * What ical.js and jCal produce ("2026-11-24T18:30:00", "Z" or not, "2026-11-24") and iCalendar text itself
 * ("20261124T183000", "20261124"), read by one native match each. (A digit loop in a helper costs more in a waking
 * worker: called some 500 times by a 40-event feed, it was the one function V8 compiled optimised during the read,
 * which stalled it for milliseconds.)
 */
const EXTENDED_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})([Zz])?)?$/;
const BASIC_TIME = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})([Zz])?)?$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number) =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : MONTH_DAYS[month - 1]!;

export function parseWhen(raw: RawTime | null): When | null {
  if (!raw) return null;
  let value = raw.value;
  let year: number, month: number, day: number, hour = 0, minute = 0, second = 0;
  let hasTime: boolean;
  let utc = false;
  // The usual shapes, whole or nothing: a value of their length that does not match is no time at all.
  const extended = (value.length === 19 || value.length === 20 || value.length === 10) && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45;
  if (extended || ((value.length === 15 || value.length === 16 || value.length === 8) && value.charCodeAt(8) !== 45)) {
    const m = (extended ? EXTENDED_TIME : BASIC_TIME).exec(value);
    if (!m) return null;
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
    hasTime = m[4] !== undefined;
    if (hasTime) {
      hour = Number(m[4]);
      minute = Number(m[5]);
      second = Number(m[6]);
      utc = m[7] !== undefined;
    }
  } else {
    value = value.trim();
    // ical.js turns a bare "20261124" without VALUE=DATE into "2026-11-24T::": still a date.
    if (/^\d{4}-\d{2}-\d{2}T::$/.test(value)) value = value.slice(0, 10);
    const m = TIME_RE.exec(value);
    if (!m) return null;
    year = Number(m[1]);
    month = Number(m[2]);
    day = Number(m[3]);
    hasTime = m[4] !== undefined;
    hour = Number(m[4] ?? 0);
    minute = Number(m[5] ?? 0);
    second = Number(m[6] ?? 0);
    utc = m[7] !== undefined;
  }
  // NaN fails every comparison below. 31 February and friends are refused rather than rolled into March.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 24 && minute <= 59 && second <= 60)) {
    return null;
  }
  if (!hasTime) {
    return { allDay: true, wall: { year, month, day, hour: 0, minute: 0, second: 0 }, date: toIsoDate(year, month, day) };
  }
  const when: When & { allDay: false } = { allDay: false, wall: { year, month, day, hour, minute, second }, utc, tzid: utc ? null : raw.tzid };
  // "VALUE=DATE:20270315T190000": the writer meant 19:00 (other readers keep it too); a date would lose the evening.
  if (raw.type === 'date') when.timeInDate = true;
  return when;
}

/** ISO 8601 / RFC 5545 duration in ms with 24-hour days, or null (TTLs; event ends use nominal days). */
export function parseDurationMs(value: string | null | undefined): number | null {
  const duration = parseDuration(value);
  return duration ? approximateMs(duration) : null;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * toUtcIso by arithmetic, from two cached halves: events share few days and fewer times of day, so each string is
 * one small join of shared parts instead of a dozen fresh pieces the GC must copy (no Date object either). The tests
 * hold it to toUtcIso's output.
 */
export function isoOf(ms: number): string {
  if (!(ms >= 0 && ms < 253_402_300_800_000)) return toUtcIso(ms);
  const days = Math.floor(ms / DAY);
  return datePrefix(days) + timeSuffix(Math.floor((ms - days * DAY) / 1000));
}

/** By day number: "2026-11-24T". */
const datePrefixes = new Map<number, string>();

const datePrefix = (days: number): string => memo(datePrefixes, days, civilDatePrefix, 20_000);

/** "2026-11-24T" of a day number: civil from days (H. Hinnant). */
function civilDatePrefix(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T`;
}

/** By minute of the day: "18:30:00Z" (times on a whole minute, nearly all of them). */
const minuteSuffixes: (string | undefined)[] = new Array(1440);

function timeSuffix(second: number): string {
  const minute = second / 60;
  if (Number.isInteger(minute)) return (minuteSuffixes[minute] ??= clockOf(second));
  return clockOf(second);
}

function clockOf(second: number): string {
  return `${TWO_DIGITS[Math.floor(second / 3600)]}:${TWO_DIGITS[Math.floor((second % 3600) / 60)]}:${TWO_DIGITS[second % 60]}Z`;
}

/** A wall time as Date.UTC of its fields: a number to step and compare wall times by. */
export const wallKey = (w: WallTime): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

export function dayNumber(wall: WallTime): number {
  return Math.floor(Date.UTC(wall.year, wall.month - 1, wall.day) / DAY);
}

export function isoOfDayNumber(day: number): string {
  const d = new Date(day * DAY);
  return toIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
}
