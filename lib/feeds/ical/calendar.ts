/**
 * iCalendar (RFC 5545) and jCal (RFC 7265) readers.
 *
 * Both end in the same event records: jCal arrays (from JSON, or from ICAL.parse for the calendar header,
 * VTIMEZONEs and any unusual VEVENT) are walked directly, and plain VEVENT text is scanned straight into the same
 * record. We never build an ICAL.Event/ICAL.Time per event: that is what makes the plain ical.js loop take seconds
 * on big feeds (`npm run bench`). Zone math goes through lib/time.ts (Intl, cached offsets); ical.js's
 * recurrence iterator serves only rules our fast path does not cover, and its Timezone only zones Intl does not know.
 *
 * Choices:
 * - `timeZone`: the IANA zone of a TZID; for floating times the zone used; for UTC ("Z") times the feed's
 *   X-WR-TIMEZONE when it has one, else null (a Z time says nothing about where the event happens); null for
 *   all-day dates and for custom VTIMEZONEs without an IANA name.
 * - Floating times and unknown TZIDs use the user's per-feed zone (options.feedTimeZone), else the feed's own
 *   X-WR-TIMEZONE, else options.defaultTimeZone (the user's city's zone), else the system zone.
 * - A timed event with neither DTEND nor DURATION has `end: null` (unknown), not end = start.
 * - DURATION days and weeks are nominal (RFC 5545 §3.3.6): "P1D" ends at the same wall time the next day in the
 *   start's zone, across a DST change too; hours, minutes and seconds are exact. A DTEND gives every occurrence
 *   the same exact length (§3.8.5.3).
 * - Ids use the original occurrence start (RECURRENCE-ID), so a moved occurrence keeps its id.
 */
import ICAL from 'ical.js';
import {
  compareEvents,
  eventId,
  safeHttpUrl,
  type EventPlace,
  type EventStatus,
  type FeedFormat,
  type FeedParseResult,
  type MeetupEvent,
  type ParseOptions,
} from '../../events';
import { attendanceOf, type Attendance } from '../../location/online';
import { htmlToText, plainLine } from '../../text';
import { addDaysToIsoDate, toIsoDate, type WallTime } from '../../time';
import { feedFloatingZone } from '../date-values';
import { approximateMs, parseDuration, type Duration } from '../duration';
import { FeedError } from '../errors';
import { calendarsOf, hoistNestedEvents, isComponent, paramString, readEvent, str, valuesOf, type JComponent, type JProp, type RawEvent } from './jcal';
import { expandRule } from './recurrence';
import { splitEvents, tolerantParse, type LineNotes } from './scan';
import { blockText, DAY, dayNumber, daysBetween, isoOf, isoOfDayNumber, lineText, parseDurationMs, parseWhen, type When } from './values';
import { FeedZones, ianaZoneForTzid, utcWallIn, wallKeyIn, wallToUtcMs, type ResolvedZone } from './zones';

/** By LOCATION text, for events with and without coordinates. */
const attendanceCache = [new Map<string, Attendance>(), new Map<string, Attendance>()] as const;
/** attendanceOf, memoised: a group's feed repeats its venues. */
function attendanceFor(location: string | null, hasCoordinates: boolean): Attendance {
  if (!location) return attendanceOf(null, hasCoordinates);
  const cache = attendanceCache[hasCoordinates ? 1 : 0];
  let attendance = cache.get(location);
  if (attendance === undefined) {
    attendance = attendanceOf(location, hasCoordinates);
    if (cache.size > 5000) cache.clear();
    cache.set(location, attendance);
  }
  return attendance;
}

const DEFAULT_MAX_OCCURRENCES = 500;

export function parseICal(text: string, options: ParseOptions): FeedParseResult {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) throw new FeedError('empty', 'The feed is empty.');
  const begin = body.search(/BEGIN:VCALENDAR/i);
  const warnings: string[] = [];
  if (begin < 0) {
    // A bare list of VEVENTs (some CMS exports) is still readable.
    const vevent = body.search(/BEGIN:VEVENT/i);
    if (vevent < 0) throw new FeedError('not-a-feed', `Not an iCalendar feed: found ${describeBody(body)}.`);
    body = `BEGIN:VCALENDAR\r\n${body.slice(vevent)}\r\nEND:VCALENDAR`;
    warnings.push('No VCALENDAR around the events: read them as a calendar.');
  } else if (begin > 0) {
    body = body.slice(begin);
  }

  // Each VEVENT is parsed and read on its own: its jCal dies young (the whole-feed tree would be copied around by
  // the GC while we read it), and one broken event costs only itself.
  const lineNotes: LineNotes = { dropped: 0, cut: false };
  const split = splitEvents(body, lineNotes);
  const source = split ? split.rest : body;
  let calendars: JComponent[];
  try {
    calendars = calendarsOf(ICAL.parse(source));
  } catch {
    // ical.js stops at the first bad line; re-read line by line and drop only what is broken.
    calendars = tolerantParse(source, lineNotes);
  }
  if (lineNotes.dropped > 0) warnings.push(`Ignored ${lineNotes.dropped} unreadable line${lineNotes.dropped > 1 ? 's' : ''}.`);
  if (lineNotes.cut) warnings.push('The feed seems cut short (a component never ends).');
  if (calendars.length === 0) throw new FeedError('malformed', 'Not a readable iCalendar feed: no VCALENDAR found.');
  return readCalendars(calendars, 'ical', options, warnings, split?.events ?? []);
}

export function parseJCal(data: unknown, options: ParseOptions): FeedParseResult {
  const calendars = Array.isArray(data) ? calendarsOf(data) : [];
  if (calendars.length === 0) {
    const found = data === null ? 'null' : Array.isArray(data) ? 'an array that is not jCal' : typeof data === 'object' ? 'a JSON object' : `a JSON ${typeof data}`;
    throw new FeedError('not-a-feed', `Not a jCal feed: expected ["vcalendar", …], found ${found}.`);
  }
  return readCalendars(calendars, 'jcal', options, []);
}

function describeBody(body: string): string {
  const head = body.trimStart().slice(0, 200);
  if (/[\u0000-\u0008\u000e-\u001f]/.test(head) || head.includes('\ufffd')) return 'binary data';
  if (/^<(!doctype html|html|head|body)/i.test(head)) return 'an HTML page';
  if (head.startsWith('<')) return 'XML or HTML';
  if (head.startsWith('{') || head.startsWith('[')) return 'JSON';
  const firstLine = head.split(/\r?\n/, 1)[0]!.replace(/\s+/g, ' ').slice(0, 40);
  return `text starting with "${firstLine}"`;
}

// ---------------------------------------------------------------------------------------------------------------
// Events

interface Slot {
  allDay: boolean;
  start: string;
  end: string | null;
  startMs: number;
  endMs: number | null;
  timeZone: string | null;
  /** Timed events: how the end was given (DTEND: exact ms; DURATION: nominal days + exact time), for occurrences. */
  length?: Duration | null;
}

interface Details {
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

interface Candidate {
  event: MeetupEvent;
  priority: number;
}

class Warnings {
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

function readCalendars(calendars: JComponent[], format: FeedFormat, options: ParseOptions, warnings: string[], preRead: RawEvent[] = []): FeedParseResult {
  const now = options.now ?? Date.now();
  const from = options.from ?? now - DAY;
  const to = options.to ?? now + 180 * DAY;
  const maxOccurrences = options.maxOccurrences ?? DEFAULT_MAX_OCCURRENCES;

  let title: string | null = null;
  let calendarZone: string | null = null;
  let minRefreshMinutes: number | null = null;
  const vtimezones = new Map<string, JComponent>();
  const vevents: JComponent[] = [];
  let unclosed = 0;
  let unknownCalendarZone: string | null = null;
  for (const calendar of calendars) {
    for (const prop of calendar[1] as unknown[]) {
      if (!Array.isArray(prop) || typeof prop[0] !== 'string') continue;
      const name = prop[0].toLowerCase();
      if ((name === 'x-wr-calname' || name === 'name') && title === null) title = plainLine(str(prop[3])) || null;
      else if (name === 'x-wr-timezone' && calendarZone === null) {
        const declared = str(prop[3])?.trim() ?? '';
        calendarZone = ianaZoneForTzid(declared);
        if (!calendarZone && declared) unknownCalendarZone = declared.slice(0, 60);
      } else if (name === 'refresh-interval' || name === 'x-published-ttl') {
        const ms = parseDurationMs(str(prop[3]));
        if (ms !== null && ms > 0) minRefreshMinutes = Math.max(minRefreshMinutes ?? 0, Math.ceil(ms / 60_000));
      }
    }
    for (const component of (calendar[2] as unknown[] | undefined) ?? []) {
      if (!isComponent(component)) continue;
      const name = String(component[0]).toLowerCase();
      if (name === 'vevent') {
        vevents.push(component);
        unclosed += hoistNestedEvents(component, vevents);
      } else if (name === 'vtimezone') {
        const tzid = (component[1] as unknown[]).find((p) => Array.isArray(p) && p[0] === 'tzid') as JProp | undefined;
        const id = str(tzid?.[3]);
        if (id) vtimezones.set(id, component);
      }
    }
  }

  if (unclosed > 0) warnings.push(`${unclosed} event${unclosed > 1 ? 's' : ''} without END:VEVENT; the events after ${unclosed > 1 ? 'them' : 'it'} were still read.`);

  // The user's per-feed zone > the feed's X-WR-TIMEZONE > the user's city's zone > the system's.
  const floating = feedFloatingZone({
    feedTimeZone: options.feedTimeZone ? ianaZoneForTzid(options.feedTimeZone) : null,
    defaultTimeZone: (options.defaultTimeZone && ianaZoneForTzid(options.defaultTimeZone)) || undefined,
  }, calendarZone);
  if (unknownCalendarZone && !calendarZone) warnings.push(`Unknown X-WR-TIMEZONE "${unknownCalendarZone}": floating times read in ${floating}.`);
  const zones = new FeedZones(vtimezones, floating, calendarZone, warnings);
  const notes = new Warnings();
  const reader = new EventReader(options, zones, notes, from, to, maxOccurrences);

  // Group by UID: a recurring master and its RECURRENCE-ID overrides share one.
  const byUid = new Map<string, { masters: RawEvent[]; overrides: RawEvent[] }>();
  const raws = [...preRead];
  vevents.forEach((component, order) => {
    try {
      raws.push(readEvent(component, preRead.length + order));
    } catch {
      notes.broken++;
    }
  });
  for (const raw of raws) {
    if (!raw.uid) {
      notes.noUid++;
      raw.uid = `generated-${hash(`${raw.summary ?? ''}|${raw.dtstart?.value ?? ''}|${raw.dtstart?.tzid ?? ''}`)}`;
    }
    let group = byUid.get(raw.uid);
    if (!group) byUid.set(raw.uid, (group = { masters: [], overrides: [] }));
    (raw.recurrenceId ? group.overrides : group.masters).push(raw);
  }

  const events: MeetupEvent[] = [];
  const candidates: Candidate[] = [];
  for (const [uid, group] of byUid) {
    candidates.length = 0;
    try {
      reader.readGroup(uid, group.masters, group.overrides, candidates);
    } catch {
      notes.broken++;
      continue;
    }
    // Ids can only collide inside one UID (a master and its overrides, or a UID reused by copies of an event);
    // ids of one component are already unique, so the common case skips the map.
    if (group.masters.length + group.overrides.length === 1) {
      for (const candidate of candidates) events.push(candidate.event);
      continue;
    }
    const byId = new Map<string, Candidate>();
    for (const candidate of candidates) {
      const existing = byId.get(candidate.event.id);
      if (!existing || candidate.priority > existing.priority) byId.set(candidate.event.id, candidate);
    }
    for (const candidate of byId.values()) events.push(candidate.event);
  }
  stripInstancePrefix(events, title);
  events.sort(compareEvents);
  notes.flush(warnings);
  if (raws.length === 0) warnings.push('The calendar has no events.');
  return { events, warnings, format, title, minRefreshMinutes };
}

/** Gancio prefixes every SUMMARY with "[<instance name>] ": noise in a list that already says which feed it is. */
function stripInstancePrefix(events: MeetupEvent[], calendarName: string | null): void {
  const prefixOf = (t: string) => (t.charCodeAt(0) === 91 ? /^\[([^\]]{1,80})\]\s+/.exec(t) : null);
  let shared: string | null = null;
  if (events.length >= 2) {
    const first = prefixOf(events[0]!.title)?.[1] ?? null;
    if (first && events.every((e) => prefixOf(e.title)?.[1] === first)) shared = first;
  }
  for (const event of events) {
    const m = prefixOf(event.title);
    if (!m) continue;
    const name = m[1]!;
    const rest = event.title.slice(m[0].length);
    if (rest && (name === shared || (calendarName && name.toLowerCase() === calendarName.toLowerCase()))) event.title = rest;
  }
}

function hash(text: string): string {
  // FNV-1a, 2×32 bits: stable across runs and platforms, no crypto needed for an id.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

interface ThisAndFuture {
  key: number;
  deltaMs: number;
  deltaDays: number;
  length: Duration | null;
  days: number;
  details: Details;
}

/** Total time the feed may spend in ical.js's iterator: 1,000 hostile rules must not cost 1,000 × 100 ms. */
const FEED_RECURRENCE_BUDGET_MS = 1000;

class EventReader {
  private recurrenceBudgetMs = FEED_RECURRENCE_BUDGET_MS;

  constructor(
    private readonly options: ParseOptions,
    private readonly zones: FeedZones,
    private readonly notes: Warnings,
    private readonly from: number,
    private readonly to: number,
    private readonly maxOccurrences: number,
  ) {}

  readGroup(uid: string, allMasters: RawEvent[], overrides: RawEvent[], out: Candidate[]): void {
    // One UID several times as a master is a series (or event) re-published with a higher SEQUENCE: only the
    // newest copies count; the older ones are what it replaced, their dates and EXDATEs included.
    const newest = allMasters.reduce((max, m) => Math.max(max, m.sequence), -Infinity);
    const masters = allMasters.length > 1 ? allMasters.filter((m) => m.sequence === newest) : allMasters;
    const recurring = masters.find((m) => m.rrules.length > 0 || m.rdates.length > 0);
    for (const master of masters) {
      if (master === recurring) continue;
      const start = this.startOf(master);
      if (!start) continue;
      const slot = this.slot(master, start, null);
      if (slot) this.emit(out, uid, slot.start, slot, this.details(master), master.sequence * 2);
    }
    if (recurring) this.readRecurring(uid, recurring, overrides, out);
    else {
      // Overrides without a master: each is an event on its own, keyed like it would be with the master.
      for (const override of overrides) this.readOverride(uid, override, null, out);
    }
  }

  private startOf(raw: RawEvent): When | null {
    const start = parseWhen(raw.dtstart);
    if (!start) {
      this.notes.badStart++;
      this.notes.badStartExample ||= plainLine(raw.summary);
    } else if (!start.allDay && start.timeInDate) this.notes.timeInDate++;
    return start;
  }

  /** [from, to): an event starting exactly at `to` belongs to the next window. */
  private inWindow(slot: Slot): boolean {
    return slot.startMs < this.to && (slot.endMs ?? slot.startMs) >= this.from;
  }

  /** `shared`: details are reused by several occurrences, so each event gets its own place and categories. */
  private emit(out: Candidate[], uid: string, key: string, slot: Slot, details: Details, priority: number, shared = false): void {
    if (!this.inWindow(slot)) return;
    out.push({
      priority,
      event: {
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
      },
    });
  }

  /** Start/end of a one-off event (or an override). `fallback` comes from the master for overrides. */
  private slot(raw: RawEvent, start: When, fallback: { length: Duration | null; days: number } | null): Slot | null {
    const end = parseWhen(raw.dtend);
    const duration = parseDuration(raw.duration);
    if (start.allDay) {
      let endDate: string;
      if (end?.allDay && end.date > start.date) endDate = end.date;
      else if (duration !== null && approximateMs(duration) > 0) endDate = addDaysToIsoDate(start.date, Math.max(1, Math.ceil(approximateMs(duration) / DAY)));
      else endDate = addDaysToIsoDate(start.date, fallback?.days ?? 1);
      return { allDay: true, start: start.date, end: endDate, startMs: this.zones.dateMs(start.date), endMs: this.zones.dateMs(endDate), timeZone: null };
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

  private details(raw: RawEvent, base?: Details): Details {
    const location = raw.location !== null ? lineText(raw.location) || null : (base?.location ?? null);
    const coordinates = raw.geo !== null ? placeOf(raw.geo) : (base?.place ?? null);
    const attendance = attendanceFor(location, coordinates !== null);
    const onlineUrl = attendance.onlineUrl ? safeHttpUrl(attendance.onlineUrl) : null;
    const description = raw.description !== null || raw.altDescription !== null
      ? blockText(raw.description) || htmlToText(raw.altDescription) || null
      : (base?.description ?? null);
    return {
      title: raw.summary !== null ? lineText(raw.summary) || base?.title || '(untitled)' : (base?.title ?? '(untitled)'),
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

  private readOverride(uid: string, override: RawEvent, master: { details: Details; zone: ResolvedZone; allDay: boolean; length: Duration | null; days: number } | null, out: Candidate[]): void {
    const start = this.startOf(override);
    const rid = parseWhen(override.recurrenceId);
    if (!start || !rid) return;
    const slot = this.slot(override, start, master ? { length: master.length, days: master.days } : null);
    if (!slot) return;
    const key = this.occurrenceKey(rid, master?.zone, master?.allDay ?? rid.allDay);
    this.emit(out, uid, key, slot, this.details(override, master?.details), override.sequence * 2 + 1, master !== null);
  }

  /**
   * The day a date or date-time names in an all-day series. A UTC time that is not midnight is taken in the series'
   * zone: Outlook writes EXDATE/RECURRENCE-ID/UNTIL of all-day events as the local midnight in UTC
   * ("20261209T230000Z" is the 10th in Paris), and its UTC date would be the day before.
   */
  private seriesDay(when: When): WallTime {
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

  private readRecurring(uid: string, master: RawEvent, overrides: RawEvent[], out: Candidate[]): void {
    const start = this.startOf(master);
    if (!start) {
      for (const override of overrides) this.readOverride(uid, override, null, out);
      return;
    }
    const zone = start.allDay ? this.zones.floating : start.utc ? null : start.tzid ? this.zones.resolve(start.tzid) : this.zones.floating;
    const toInstant = (wall: WallTime): number =>
      zone ? wallToUtcMs(wall, zone.rule) : Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
    const relatedZone = zone ?? this.zones.floating;
    const firstSlot = this.slot(master, start, null);
    if (!firstSlot) return;
    const length = firstSlot.length ?? null;
    // For the window only: an upper bound (a nominal day may last 25 hours).
    const durationMs = length === null ? null : approximateMs(length) + (length.days !== 0 ? 3 * 3_600_000 : 0);
    const days = start.allDay && firstSlot.end ? daysBetween(firstSlot.start, firstSlot.end) : 1;
    const details = this.details(master);
    const masterInfo = { details, zone: relatedZone, allDay: start.allDay, length, days };
    const label = firstSlot.timeZone;

    // Occurrence keys are instants (ms) for timed events and day numbers for all-day ones.
    const keyOf = (when: When): number =>
      start.allDay ? dayNumber(this.seriesDay(when)) : when.allDay ? dayNumber(when.wall) : this.zones.instant(when, relatedZone);

    const excludedInstants = new Set<number>();
    const excludedDays = new Set<number>();
    for (const prop of master.exdates) {
      for (const value of valuesOf(prop)) {
        if (typeof value !== 'string') continue;
        const when = parseWhen({ value, type: String(prop[2] ?? ''), tzid: paramString(prop[1], 'tzid') });
        if (!when) continue;
        if (start.allDay) excludedDays.add(dayNumber(this.seriesDay(when)));
        else if (when.allDay) excludedDays.add(dayNumber(when.wall));
        else excludedInstants.add(this.zones.instant(when, relatedZone));
      }
    }

    const single = new Set<number>();
    const singleDays = new Set<number>();
    const future: ThisAndFuture[] = [];
    const isExcluded = (key: number, allDayRid: boolean): boolean => {
      if (start.allDay || allDayRid) return excludedDays.has(key);
      return excludedInstants.has(key) || (excludedDays.size > 0 && excludedDays.has(dayNumber(utcWallIn(key, relatedZone))));
    };
    for (const override of overrides) {
      const rid = parseWhen(override.recurrenceId);
      if (!rid) continue;
      const ridAllDay = rid.allDay && !start.allDay;
      // An override for a date the master excludes is gone unless it is newer than the master: an older one was
      // cancelled when the master was re-published without that occurrence (as ical.js also drops them).
      if (override.sequence <= master.sequence && isExcluded(ridAllDay ? dayNumber(rid.wall) : keyOf(rid), ridAllDay)) continue;
      this.readOverride(uid, override, masterInfo, out);
      if (rid.allDay && !start.allDay) singleDays.add(dayNumber(rid.wall));
      else single.add(keyOf(rid));
      const overrideStart = parseWhen(override.dtstart);
      if (override.thisAndFuture && overrideStart) {
        const slot = this.slot(override, overrideStart, { length, days });
        if (!slot) continue;
        const key = keyOf(rid);
        future.push({
          key,
          deltaMs: start.allDay ? 0 : slot.startMs - key,
          deltaDays: start.allDay ? daysBetween(isoOfDayNumber(key), slot.start) : 0,
          length: slot.length ?? null,
          days: slot.allDay && slot.end ? daysBetween(slot.start, slot.end) : days,
          details: this.details(override, details),
        });
      }
    }
    future.sort((a, b) => a.key - b.key);
    const maxShift = future.reduce((m, f) => Math.max(m, Math.abs(f.deltaMs), Math.abs(f.deltaDays) * DAY), 0);

    const occurrences: { wall: WallTime; ms: number; end?: number }[] = [];
    // Several RRULEs (RFC 2445, still written by Zimbra and old Outlook): the occurrences are their union, each
    // rule counting its own COUNT from DTSTART; duplicates fall out below.
    for (const rrule of master.rrules) {
      const recur = readRecur(rrule);
      if (recur) {
        const began = Date.now();
        const expansion = expandRule({
          maxMillis: Math.max(0, Math.min(100, this.recurrenceBudgetMs)),
          recur,
          start: start.wall,
          isDate: start.allDay,
          toInstant,
          toWallKey: (instant) => wallKeyIn(instant, zone),
          windowFrom: this.from - maxShift,
          windowTo: this.to + maxShift,
          durationMs: start.allDay ? days * DAY : (durationMs ?? 0),
          maxOccurrences: this.maxOccurrences,
        });
        this.recurrenceBudgetMs -= Date.now() - began;
        occurrences.push(...expansion.occurrences);
        if (expansion.capped) this.notes.capped++;
        if (expansion.truncated) this.notes.truncated.add(expansion.truncated);
      } else {
        occurrences.push({ wall: start.wall, ms: toInstant(start.wall) });
        this.notes.truncated.add('unreadable repeat rule');
      }
    }
    if (master.rrules.length === 0) occurrences.push({ wall: start.wall, ms: toInstant(start.wall) });
    for (const prop of master.rdates) {
      for (const value of valuesOf(prop)) {
        const [first, second] = Array.isArray(value) ? value : String(value).split('/');
        const when = parseWhen({ value: String(first ?? ''), type: String(prop[2] ?? ''), tzid: paramString(prop[1], 'tzid') });
        if (!when) continue;
        const wall = start.allDay ? this.seriesDay(when) : when.wall;
        const ms = start.allDay || when.allDay ? toInstant({ ...wall, hour: 0, minute: 0, second: 0 }) : this.zones.instant(when, relatedZone);
        let end: number | undefined;
        const periodEnd = typeof second === 'string' ? parseWhen({ value: second, type: 'date-time', tzid: paramString(prop[1], 'tzid') }) : null;
        const periodDuration = typeof second === 'string' ? parseDuration(second) : null;
        if (periodEnd && !periodEnd.allDay) end = this.zones.instant(periodEnd, relatedZone);
        else if (periodDuration !== null) end = this.zones.add(ms, periodDuration, when.allDay ? relatedZone : this.zones.zoneOf(when, relatedZone));
        occurrences.push({ wall, ms, end });
      }
    }

    const seen = new Set<number>();
    let emitted = 0;
    occurrences.sort((a, b) => a.ms - b.ms);
    for (const occurrence of occurrences) {
      const key = start.allDay ? dayNumber(occurrence.wall) : occurrence.ms;
      if (seen.has(key)) continue;
      seen.add(key);
      if (start.allDay ? excludedDays.has(key) : excludedInstants.has(key)) continue;
      if (single.has(key)) continue;
      if (!start.allDay && (excludedDays.size > 0 || singleDays.size > 0)) {
        // EXDATE;VALUE=DATE or a date RECURRENCE-ID on a timed series: match on the local day.
        const day = dayNumber(utcWallIn(key, relatedZone));
        if (excludedDays.has(day) || singleDays.has(day)) continue;
      }
      if (emitted >= this.maxOccurrences) break;
      let applied: ThisAndFuture | undefined;
      for (const f of future) if (f.key <= key) applied = f;
      let slot: Slot;
      const occurrenceKey = start.allDay ? isoOfDayNumber(key) : isoOf(key);
      if (start.allDay) {
        const date = addDaysToIsoDate(occurrenceKey, applied?.deltaDays ?? 0);
        const end = addDaysToIsoDate(date, applied?.days ?? days);
        slot = { allDay: true, start: date, end, startMs: this.zones.dateMs(date), endMs: this.zones.dateMs(end), timeZone: null };
      } else {
        const startMs = key + (applied?.deltaMs ?? 0);
        const span = applied ? applied.length : length;
        // Nominal days of a DURATION count on the event's own wall clock (same end time across a DST change).
        const endMs = occurrence.end ?? (span === null ? null : this.zones.add(startMs, span, zone));
        slot = { allDay: false, start: isoOf(startMs), end: endMs === null ? null : isoOf(endMs), startMs, endMs, timeZone: label };
      }
      const before = out.length;
      this.emit(out, uid, occurrenceKey, slot, applied?.details ?? details, master.sequence * 2, true);
      if (out.length > before) emitted++;
    }
  }
}

/**
 * An RRULE as ical.js's Recur, or null when unreadable. Exchange writes "BYDAY=MO, TU, WE": a rule never holds
 * meaningful whitespace.
 */
function readRecur(rrule: JProp): InstanceType<typeof ICAL.Recur> | null {
  const rule = rrule[3];
  let recur: InstanceType<typeof ICAL.Recur> | null = null;
  try {
    recur = typeof rule === 'string'
      ? recurFromText(rule)
      : (new ICAL.Property(rrule as never).getFirstValue() as InstanceType<typeof ICAL.Recur>);
  } catch {
    recur = null;
  }
  return recur && typeof recur === 'object' && typeof recur.freq === 'string' && recur.freq ? recur : null;
}

function recurFromText(rule: string): InstanceType<typeof ICAL.Recur> {
  // ical.js refuses " TU" but silently ignores " BYDAY " as an unknown part: strip first, whatever it would do.
  return ICAL.Recur.fromString(rule.indexOf(' ') === -1 ? rule : rule.replace(/\s+/g, ''));
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
