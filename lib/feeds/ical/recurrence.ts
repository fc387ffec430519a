/**
 * RRULE expansion in wall-clock time, limited to a window.
 *
 * Rules are expanded on the floating wall time of DTSTART (RFC 5545 expands in the event's own zone, so a weekly
 * 19:00 meetup stays at 19:00 across DST); each wall time is then turned into an instant by the caller's zone
 * function. ical.js's iterator does the calendar arithmetic, but we own COUNT, UNTIL, the window and the budget:
 * ical.js compares a floating time with a UTC UNTIL as if both were UTC, and would walk from 1970 to today for an
 * endless rule.
 */
import ICAL from 'ical.js';
import type { WallTime } from '../../time';
import { wallKey } from './values';

type Recur = InstanceType<typeof ICAL.Recur>;
type Time = InstanceType<typeof ICAL.Time>;

export interface RuleOccurrence {
  /** The wall time as Date.UTC of its fields (all-day: its day is Math.floor(key / 86_400_000)). */
  key: number;
  /** Start instant (all-day: midnight in the caller's zone). */
  ms: number;
}

export interface RuleExpansion {
  occurrences: RuleOccurrence[];
  /** The per-event cap was reached: later occurrences in the window were dropped. */
  capped: boolean;
  /** Why expansion stopped early (rule too dense, step budget spent), else null. */
  truncated: string | null;
}

export interface ExpandOptions {
  recur: Recur;
  start: WallTime;
  isDate: boolean;
  /** Wall time → instant in the event's zone. */
  toInstant: (wall: WallTime) => number;
  /** The same from a wall key (Date.UTC of the wall fields), when the zone has a way without the fields. */
  keyToInstant?: (key: number) => number;
  /** Instant → wall key (Date.UTC of the wall fields) in the event's zone; lets sub-daily rules jump precisely. */
  toWallKey?: (ms: number) => number;
  windowFrom: number;
  windowTo: number;
  /** Occurrences ending before windowFrom are skipped. */
  durationMs: number;
  maxOccurrences: number;
  /** Iterator steps allowed per rule (protects against rules that match rarely, with a huge COUNT). */
  maxSteps?: number;
  /** Time allowed per rule on ical.js's iterator, in ms (default 100). */
  maxMillis?: number;
  /** Tests: bypass the fast path for plain DAILY/WEEKLY rules, to compare it with ical.js. */
  forceIcalIterator?: boolean;
}

const UNIT_MS: Partial<Record<string, number>> = {
  SECONDLY: 1000,
  MINUTELY: 60_000,
  HOURLY: 3_600_000,
  DAILY: 86_400_000,
  WEEKLY: 7 * 86_400_000,
};
const DAY = 86_400_000;


function wallFromKey(key: number): WallTime {
  const d = new Date(key);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const wallOf = (t: Time): WallTime => ({
  year: t.year,
  month: t.month,
  day: t.day,
  hour: t.isDate ? 0 : t.hour,
  minute: t.isDate ? 0 : t.minute,
  second: t.isDate ? 0 : t.second,
});

const dateKey = (w: WallTime) => w.year * 10_000 + w.month * 100 + w.day;

export function expandRule(options: ExpandOptions): RuleExpansion {
  const { recur, start, isDate, toInstant, windowFrom, windowTo, durationMs, maxOccurrences } = options;
  const maxSteps = options.maxSteps ?? 50_000;
  const occurrences: RuleOccurrence[] = [];
  const result: RuleExpansion = { occurrences, capped: false, truncated: null };

  const count = typeof recur.count === 'number' && recur.count > 0 ? recur.count : null;
  const until = recur.until ?? null;
  let untilMs = Infinity;
  let untilDate = Infinity;
  if (until) {
    if (until.isDate || isDate) {
      untilDate = dateKey(wallOf(until));
      if (isDate && !until.isDate && until.zone === ICAL.Timezone.utcTimezone && options.toWallKey) {
        // An all-day series with a UTC UNTIL (RFC 5545 wants a DATE; Outlook and others write a UTC time): the
        // last day is the UNTIL's UTC date or its date in the event's zone, whichever is later. "20261223T230000Z"
        // is midnight of the 24th in Paris; routing it through UTC alone would drop the occurrence of the 24th.
        const local = wallFromKey(options.toWallKey(wallKey(wallOf(until))));
        untilDate = Math.max(untilDate, dateKey(local));
      }
    } else if (until.zone === ICAL.Timezone.utcTimezone) untilMs = wallKey(wallOf(until));
    else untilMs = toInstant(wallOf(until));
  }

  let index = 0;
  let stopped = false;
  const keyToInstant = options.keyToInstant ?? ((key: number) => toInstant(wallFromKey(key)));
  /**
   * Counts one rule occurrence (COUNT includes those outside the window) and keeps it if it is in the window.
   * `wall` is null when only its key is at hand (the arithmetic iterator): no fields are made unless UNTIL is a date.
   */
  const take = (wall: WallTime | null, key: number): void => {
    index++;
    if ((count !== null && index > count) || (untilDate !== Infinity && dateKey(wall ?? wallFromKey(key)) > untilDate)) {
      stopped = true;
      return;
    }
    const ms = wall ? toInstant(wall) : keyToInstant(key);
    // The window is [windowFrom, windowTo): an occurrence starting at its end belongs to the next one.
    if (ms > untilMs || ms >= windowTo) {
      stopped = true;
      return;
    }
    if (ms + durationMs < windowFrom) return;
    occurrences.push({ key, ms });
    if (occurrences.length >= maxOccurrences) {
      result.capped = true;
      stopped = true;
    }
  };

  const freq = recur.freq;
  const hasParts = Object.keys(recur.parts ?? {}).length > 0;
  const unit = UNIT_MS[freq];
  const supported = unit !== undefined || freq === 'MONTHLY' || freq === 'YEARLY';
  // ical.js searches second by second for sub-minute rules with BY* filters: millions of steps for one match.
  if (!supported || ((freq === 'SECONDLY' || freq === 'MINUTELY') && hasParts)) {
    take(start, wallKey(start));
    result.truncated = `unsupported repeat rule ${freq}`;
    return result;
  }

  // Jump close to the window instead of walking from DTSTART: whole periods keep the rule's phase (weekday,
  // week parity, time of day). With COUNT we may only jump when each period yields exactly one occurrence.
  let iteratorStart = start;
  let jumped = false;
  // Without the zone's inverse, a 2-day margin covers any UTC offset; with it, one hour covers DST overlaps.
  const target = options.toWallKey ? options.toWallKey(windowFrom - durationMs) - 3_600_000 : windowFrom - durationMs - 2 * DAY;
  const startKey = wallKey(start);
  const interval = Math.max(1, recur.interval || 1);
  if (unit !== undefined && (count === null || !hasParts)) {
    const period = unit * interval;
    const periods = Math.floor((target - startKey) / period) - 1;
    if (periods > 0) {
      iteratorStart = wallFromKey(startKey + periods * period);
      jumped = true;
      // Before the window anyway, but COUNT must know how many were consumed.
      index = hasParts ? 0 : periods;
      if (count !== null && index >= count) return result;
    }
  } else if (unit === undefined && count === null && !(start.month === 2 && start.day === 29)) {
    // MONTHLY/YEARLY: jump by whole years that are a multiple of the interval, so month and day stay valid.
    const stepYears = freq === 'YEARLY' ? interval : lcm(interval, 12) / 12;
    const steps = Math.floor((new Date(target).getUTCFullYear() - start.year) / stepYears) - 1;
    if (steps > 0) {
      iteratorStart = { ...start, year: start.year + steps * stepYears };
      jumped = true;
    }
  }

  // The arithmetic iterator gives wall keys, turned into instants without making the fields; ical.js's gives walls.
  const simple = options.forceIcalIterator ? null : simpleIterator(recur, iteratorStart);
  let nextWall: () => WallTime | null = () => null;
  if (!simple && (options.maxMillis ?? 100) <= 0) {
    if (!jumped) take(start, wallKey(start));
    result.truncated = 'repeat rule too long to expand';
    return result;
  } else if (!simple) {
    const rule = recur.clone();
    rule.count = null as never;
    rule.until = null as never;
    const dtstart = new ICAL.Time({ ...iteratorStart, isDate }, ICAL.Timezone.localTimezone);
    let iterator: ReturnType<Recur['iterator']>;
    try {
      iterator = rule.iterator(dtstart);
    } catch {
      take(start, wallKey(start));
      result.truncated = 'unreadable repeat rule';
      return result;
    }
    nextWall = () => {
      const next = iterator.next();
      return next ? wallOf(next) : null;
    };
  }

  const exists = existingDayFilter(recur, start);
  // RFC 5545: DTSTART is always the first occurrence, even when the rule would not produce it (ical.js skips it).
  let startSeen = jumped;
  let steps = 0;
  // One ical.js step can scan years of days for a rule that rarely matches: also bound the time spent.
  const deadline = simple ? Infinity : Date.now() + (options.maxMillis ?? 100);
  while (!stopped) {
    if (++steps > maxSteps || (!simple && Date.now() > deadline)) {
      result.truncated = 'repeat rule too long to expand';
      break;
    }
    let wall: WallTime | null = null;
    let key: number;
    if (simple) key = simple();
    else {
      try {
        wall = nextWall();
      } catch {
        result.truncated = 'unreadable repeat rule';
        break;
      }
      if (!wall) break;
      key = wallKey(wall);
    }
    if (exists && !exists(wall ?? wallFromKey(key))) continue;
    if (!startSeen) {
      startSeen = true;
      if (key !== startKey) {
        take(start, startKey);
        if (stopped) break;
      }
    }
    take(wall, key);
  }
  if (!startSeen && !stopped) take(start, wallKey(start));
  return result;
}

/**
 * MONTHLY with one BYDAY such as 2TU or -1FR ("the second Tuesday"), the usual meetup rule. Only ordinals 1–4 and
 * -1…-4, which every month has, so each month yields exactly one day. ical.js spends ~0.2 ms a step on these,
 * which a COUNT series started years ago (walked from DTSTART) cannot afford.
 */
function monthlyNthWeekday(parts: Record<string, unknown>, names: string[], interval: number, start: WallTime, startKey: number): (() => number) | null {
  if (names.length !== 1 || names[0] !== 'BYDAY') return null;
  const byday = parts.BYDAY;
  const values = Array.isArray(byday) ? byday : [byday];
  if (values.length !== 1) return null;
  const m = /^([+-]?)([1-4])(SU|MO|TU|WE|TH|FR|SA)$/.exec(String(values[0]).toUpperCase());
  if (!m) return null;
  const nth = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  const weekday = WEEKDAYS.indexOf(m[3]!);
  let k = 0;
  return () => {
    for (;;) {
      const monthIndex = start.month - 1 + k++ * interval;
      const year = start.year + Math.floor(monthIndex / 12);
      const month = monthIndex % 12;
      let day: number;
      if (nth > 0) {
        const firstDow = new Date(Date.UTC(year, month, 1)).getUTCDay();
        day = 1 + ((weekday - firstDow + 7) % 7) + (nth - 1) * 7;
      } else {
        const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
        const lastDow = new Date(Date.UTC(year, month, last)).getUTCDay();
        day = last - ((lastDow - weekday + 7) % 7) + (nth + 1) * 7;
      }
      const key = Date.UTC(year, month, day, start.hour, start.minute, start.second);
      if (key >= startKey) return key;
    }
  };
}

/**
 * MONTHLY and YEARLY rules that take their day from DTSTART: RFC 5545 §3.3.10 ignores the recurrences that fall
 * on a day the month does not have (the 31st in April, 29 February in 2005). ical.js rolls YEARLY ones over to
 * 1 March; this filter drops them. Null when the rule names its days itself (BYDAY, BYMONTHDAY…).
 */
function existingDayFilter(recur: Recur, start: WallTime): ((wall: WallTime) => boolean) | null {
  if (recur.freq !== 'MONTHLY' && recur.freq !== 'YEARLY') return null;
  const parts = (recur.parts ?? {}) as Record<string, unknown>;
  if (['BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO'].some((name) => name in parts)) return null;
  const sameMonth = recur.freq === 'YEARLY' && !('BYMONTH' in parts);
  return (wall) => wall.day === start.day && (!sameMonth || wall.month === start.month);
}

function lcm(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return (a * b) / x;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * Rules without BY* parts (SECONDLY…WEEKLY), WEEKLY with plain BYDAY (INTERVAL, WKST) and MONTHLY with one
 * nth weekday — nearly every meetup series — are pure
 * arithmetic on wall-clock keys, about 50x cheaper than ical.js's iterator. Anything else returns null.
 * The returned function yields wall keys (Date.UTC of the wall fields) in order, never before `start`.
 */
function simpleIterator(recur: Recur, start: WallTime): (() => number) | null {
  const parts = (recur.parts ?? {}) as Record<string, unknown>;
  const names = Object.keys(parts);
  const interval = Math.max(1, recur.interval || 1);
  const startKey = wallKey(start);
  const unit = UNIT_MS[recur.freq];
  if (unit !== undefined && names.length === 0) {
    let k = 0;
    return () => startKey + k++ * interval * unit;
  }
  if (recur.freq === 'MONTHLY') return monthlyNthWeekday(parts, names, interval, start, startKey);
  // DAILY;BYDAY=MO,TU,… (some writers' "every weekday") is the same set of days as WEEKLY with the same BYDAY.
  const weeklyLike = recur.freq === 'WEEKLY' || (recur.freq === 'DAILY' && interval === 1);
  if (!weeklyLike || names.some((n) => n !== 'BYDAY')) return null;
  const byday = (parts.BYDAY ?? []) as unknown[];
  const days: number[] = [];
  for (const value of Array.isArray(byday) ? byday : [byday]) {
    const index = WEEKDAYS.indexOf(String(value).toUpperCase());
    if (index < 0) return null;
    days.push(index);
  }
  const weekStart = (typeof recur.wkst === 'number' ? recur.wkst : 2) - 1;
  const startDow = new Date(startKey).getUTCDay();
  const firstWeekKey = startKey - ((startDow - weekStart + 7) % 7) * DAY;
  const offsets = [...new Set((days.length ? days : [startDow]).map((d) => (d - weekStart + 7) % 7))].sort((a, b) => a - b);
  let week = 0;
  let index = 0;
  return () => {
    for (;;) {
      const key = firstWeekKey + week * interval * 7 * DAY + offsets[index]! * DAY;
      if (++index === offsets.length) {
        index = 0;
        week++;
      }
      if (key >= startKey) return key;
    }
  };
}
