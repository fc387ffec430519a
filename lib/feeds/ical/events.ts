/**
 * From a RawEvent to MeetupEvents: the start and end of one event or override (a Slot), what it says (Details),
 * the window test and the event record with its id. Series use these per occurrence (occurrences.ts).
 */
import { eventId, safeHttpUrl, UNTITLED_EVENT, type EventPlace, type EventStatus, type MeetupEvent, type ParseOptions } from '../../events';
import { attendanceOf, type Attendance } from '../../location/online';
import { htmlToText, plainLine } from '../../text';
import { addDaysToIsoDate, toIsoDate, type WallTime } from '../../time';
import { approximateMs, parseDuration, type Duration } from '../duration';
import type { RawEvent } from './jcal';
import { blockText, DAY, isoOf, lineText, memo, parseWhen, wallKey, type When } from './values';
import { utcWallIn, type FeedZones, type ResolvedZone } from './zones';

/** By LOCATION text, for events with and without coordinates. */
const attendanceWithout = new Map<string, Attendance>();
const attendanceWith = new Map<string, Attendance>();
const attendanceWithoutCoordinates = (location: string) => attendanceOf(location, false);
const attendanceWithCoordinates = (location: string) => attendanceOf(location, true);
/** attendanceOf, memoised: a group's feed repeats its venues. */
function attendanceFor(location: string | null, hasCoordinates: boolean): Attendance {
  if (!location) return attendanceOf(null, hasCoordinates);
  return hasCoordinates ? memo(attendanceWith, location, attendanceWithCoordinates) : memo(attendanceWithout, location, attendanceWithoutCoordinates);
}

export interface Slot {
  allDay: boolean;
  start: string;
  end: string | null;
  startMs: number;
  endMs: number | null;
  timeZone: string | null;
  /**
   * Timed events: how the end was given (DTEND: exact ms; DURATION: nominal days + exact time), for occurrences.
   * Always present (null when unused), so that every slot has one shape.
   */
  length: Duration | null;
}

export interface Details {
  title: string;
  description: string | null;
  location: string | null;
  url: string | null;
  status: EventStatus;
  place: EventPlace | null;
  categories: string[];
  image: string | null;
  online: boolean;
  onlineUrl: string | null;
}

export interface Candidate {
  event: MeetupEvent;
  priority: number;
}

export class Warnings {
  badStart = 0;
  badStartExample = '';
  noUid = 0;
  timeInDate = 0;
  capped = 0;
  truncated = new Set<string>();
  broken = 0;
  flush(into: string[]): void {
    if (this.badStart) into.push(`Skipped ${this.badStart} event${this.badStart > 1 ? 's' : ''} without a readable start${this.badStartExample ? ` (e.g. "${this.badStartExample.slice(0, 40)}")` : ''}.`);
    if (this.broken) into.push(`Skipped ${this.broken} unreadable event${this.broken > 1 ? 's' : ''}.`);
    if (this.timeInDate) into.push(`${this.timeInDate} event${this.timeInDate > 1 ? 's have' : ' has'} a time of day inside a date value (VALUE=DATE): the time was kept.`);
    if (this.noUid) into.push(`${this.noUid} event${this.noUid > 1 ? 's have' : ' has'} no UID: ids derived from title and start.`);
    if (this.capped) into.push(`${this.capped} repeating event${this.capped > 1 ? 's' : ''} capped at the occurrence limit.`);
    for (const reason of this.truncated) into.push(`A repeating event was cut short: ${reason}.`);
  }
}

/** What an override inherits from its series: its details, the zone its floating times are read in, its length. */
export interface MasterInfo {
  details: Details;
  zone: ResolvedZone;
  allDay: boolean;
  length: Duration | null;
  days: number;
}

/** More than any UTC offset a zone has had (the largest, local mean times of the 19th century, stay under 16 hours). */
const OFFSET_BOUND_MS = 26 * 3_600_000;

/** Total time the feed may spend in ical.js's iterator: 1,000 hostile rules must not cost 1,000 × 100 ms. */
const FEED_RECURRENCE_BUDGET_MS = 1000;

export class EventReader {
  /** Spent by every series of the feed (occurrences.ts). */
  recurrenceBudgetMs = FEED_RECURRENCE_BUDGET_MS;

  constructor(
    private readonly options: ParseOptions,
    readonly zones: FeedZones,
    readonly notes: Warnings,
    readonly from: number,
    readonly to: number,
    readonly maxOccurrences: number,
  ) {}

  startOf(raw: RawEvent): When | null {
    const start = parseWhen(raw.dtstart);
    if (!start) {
      this.notes.badStart++;
      this.notes.badStartExample ||= plainLine(raw.summary);
    } else if (!start.allDay && start.timeInDate) this.notes.timeInDate++;
    return start;
  }

  /** [from, to): an event starting exactly at `to` belongs to the next window. */
  inWindow(slot: Slot): boolean {
    return slot.startMs < this.to && (slot.endMs ?? slot.startMs) >= this.from;
  }

  /**
   * The event of a slot in the window (details are read only for those). `shared`: details are reused by several
   * occurrences, so each event gets its own place and categories.
   */
  event(uid: string, key: string, slot: Slot, details: Details, shared = false): MeetupEvent {
    return {
      id: eventId(this.options.feedId, uid, key),
      uid,
      feedId: this.options.feedId,
      title: details.title,
      start: slot.start,
      end: slot.end,
      allDay: slot.allDay,
      timeZone: slot.timeZone,
      status: details.status,
      online: details.online,
      onlineUrl: details.onlineUrl,
      location: details.location,
      place: shared && details.place ? { ...details.place } : details.place,
      url: details.url,
      description: details.description,
      image: details.image,
      categories: shared ? [...details.categories] : details.categories,
    };
  }

  /** A one-off event (a master without RRULE or RDATE), or null when it has no readable start or is outside the window. */
  oneOff(uid: string, raw: RawEvent): MeetupEvent | null {
    const start = this.startOf(raw);
    return start ? this.oneOffFrom(uid, raw, start) : null;
  }

  /**
   * oneOff, or undefined when reading it would leave a note or a warning (no readable start, a time inside a date,
   * a TZID not resolved yet that may be unknown): those must be left in feed order, by oneOff.
   */
  quietOneOff(uid: string, raw: RawEvent): MeetupEvent | null | undefined {
    const start = parseWhen(raw.dtstart);
    if (!start || (!start.allDay && start.timeInDate)) return undefined;
    if ((!start.allDay && start.tzid && !this.zones.resolvesQuietly(start.tzid)) || (raw.dtend?.tzid && !this.zones.resolvesQuietly(raw.dtend.tzid))) {
      return undefined;
    }
    try {
      const end = parseWhen(raw.dtend);
      if (!start.allDay && raw.duration === null && this.clearlyOutside(start, end)) return null;
      return this.oneOffFrom(uid, raw, start, end);
    } catch {
      // Thrown again by oneOff, which counts it.
      return undefined;
    }
  }

  private oneOffFrom(uid: string, raw: RawEvent, start: When, end = parseWhen(raw.dtend)): MeetupEvent | null {
    const slot = this.slot(raw, start, null, end);
    return slot && this.inWindow(slot) ? this.event(uid, slot.start, slot, this.details(raw)) : null;
  }

  /**
   * Whether a timed event ends before the window or starts after it whatever its zones' offsets (none reaches a
   * day and two hours), so that its instants need not be worked out: feeds list past events, and some far ahead.
   */
  private clearlyOutside(start: When & { allDay: false }, end: When | null): boolean {
    const timedEnd = end && !end.allDay ? end : null;
    if (!this.offsetBounded(start) || (timedEnd && !this.offsetBounded(timedEnd))) return false;
    const startKey = wallKey(start.wall);
    if (startKey - OFFSET_BOUND_MS >= this.to) return true;
    // slot() keeps the start as the end when DTEND comes before it.
    return Math.max(startKey, timedEnd ? wallKey(timedEnd.wall) : startKey) + OFFSET_BOUND_MS < this.from;
  }

  /** UTC, floating or a zone the platform knows: a custom VTIMEZONE may say anything. */
  private offsetBounded(when: When & { allDay: false }): boolean {
    return when.utc || !when.tzid || this.zones.resolve(when.tzid).rule.kind === 'iana';
  }

  /** Start/end of a one-off event (or an override). `fallback` comes from the master for overrides. */
  slot(raw: RawEvent, start: When, fallback: { length: Duration | null; days: number } | null, end = parseWhen(raw.dtend)): Slot | null {
    const duration = parseDuration(raw.duration);
    if (start.allDay) {
      let endDate: string;
      if (end?.allDay && end.date > start.date) endDate = end.date;
      else if (duration !== null && approximateMs(duration) > 0) endDate = addDaysToIsoDate(start.date, Math.max(1, Math.ceil(approximateMs(duration) / DAY)));
      else endDate = addDaysToIsoDate(start.date, fallback?.days ?? 1);
      return { allDay: true, start: start.date, end: endDate, startMs: this.zones.dateMs(start.date), endMs: this.zones.dateMs(endDate), timeZone: null, length: null };
    }
    const startMs = this.zones.instant(start);
    if (!Number.isFinite(startMs)) return null;
    let endMs: number | null = null;
    let length: Duration | null = null;
    if (end && !end.allDay) {
      endMs = this.zones.instant(end, start.tzid ? this.zones.resolve(start.tzid) : this.zones.floating);
      // RFC 5545 §3.8.5.3: a DTEND gives every occurrence the same exact duration.
      length = { days: 0, ms: endMs - startMs };
    } else if (duration !== null || fallback?.length) {
      length = duration ?? fallback!.length!;
      endMs = this.zones.add(startMs, length, this.zones.zoneOf(start));
    }
    if (endMs !== null && (!Number.isFinite(endMs) || endMs < startMs)) {
      endMs = null;
      length = null;
    }
    return { allDay: false, start: isoOf(startMs), end: endMs === null ? null : isoOf(endMs), startMs, endMs, timeZone: this.zones.label(start), length };
  }

  details(raw: RawEvent, base?: Details): Details {
    const location = raw.location !== null ? lineText(raw.location) || null : (base?.location ?? null);
    const coordinates = raw.geo !== null ? placeOf(raw.geo) : (base?.place ?? null);
    const attendance = attendanceFor(location, coordinates !== null);
    const onlineUrl = attendance.onlineUrl ? safeHttpUrl(attendance.onlineUrl) : null;
    const description = raw.description !== null || raw.altDescription !== null
      ? blockText(raw.description) || htmlToText(raw.altDescription) || null
      : (base?.description ?? null);
    return {
      title: raw.summary !== null ? lineText(raw.summary) || base?.title || UNTITLED_EVENT : (base?.title ?? UNTITLED_EVENT),
      description,
      location,
      url: raw.url !== null ? safeHttpUrl(raw.url, this.options.baseUrl) : (base?.url ?? null),
      status: raw.status !== null ? statusOf(raw.status) : (base?.status ?? 'confirmed'),
      place: attendance.coordinatesArePlace ? coordinates : null,
      categories: raw.categories.length ? raw.categories : (base?.categories ?? []),
      image: raw.image !== null ? safeHttpUrl(raw.image, this.options.baseUrl) : (base?.image ?? null),
      online: attendance.online,
      onlineUrl,
    };
  }

  readOverride(uid: string, override: RawEvent, master: MasterInfo | null, out: Candidate[]): void {
    const start = this.startOf(override);
    const rid = parseWhen(override.recurrenceId);
    if (!start || !rid) return;
    const slot = this.slot(override, start, master ? { length: master.length, days: master.days } : null);
    if (!slot) return;
    const key = this.occurrenceKey(rid, master?.zone, master?.allDay ?? rid.allDay);
    if (!this.inWindow(slot)) return;
    out.push({ priority: override.sequence * 2 + 1, event: this.event(uid, key, slot, this.details(override, master?.details), master !== null) });
  }

  /**
   * The day a date or date-time names in an all-day series. A UTC time that is not midnight is taken in the series'
   * zone: Outlook writes EXDATE/RECURRENCE-ID/UNTIL of all-day events as the local midnight in UTC
   * ("20261209T230000Z" is the 10th in Paris), and its UTC date would be the day before.
   */
  seriesDay(when: When): WallTime {
    if (!when.allDay && when.utc && (when.wall.hour !== 0 || when.wall.minute !== 0 || when.wall.second !== 0)) {
      return utcWallIn(this.zones.instant(when), this.zones.floating);
    }
    return { ...when.wall, hour: 0, minute: 0, second: 0 };
  }

  /** The stored-string form of an original occurrence start, as the master's expansion would write it. */
  private occurrenceKey(when: When, zone: ResolvedZone | undefined, allDay: boolean): string {
    if (allDay) {
      const day = this.seriesDay(when);
      return toIsoDate(day.year, day.month, day.day);
    }
    if (when.allDay) return toIsoDate(when.wall.year, when.wall.month, when.wall.day);
    return isoOf(this.zones.instant(when, zone));
  }
}

function statusOf(value: string): EventStatus {
  const status = value.trim().toUpperCase();
  if (status === 'CANCELLED' || status === 'CANCELED') return 'cancelled';
  if (status === 'TENTATIVE') return 'tentative';
  return 'confirmed';
}

function placeOf(geo: unknown): EventPlace | null {
  let parts: unknown[] = [];
  if (Array.isArray(geo)) parts = geo;
  else if (typeof geo === 'string') parts = geo.split(/[;,]/);
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (parts.length < 2 || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0)) {
    return null;
  }
  return { name: null, street: null, postalCode: null, locality: null, region: null, country: null, lat, lon };
}
