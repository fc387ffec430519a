/**
 * The events of one UID: its masters (the newest SEQUENCE only), a recurring master's occurrences (RRULEs through
 * recurrence.ts, RDATEs, less EXDATEs) and the RECURRENCE-ID overrides that replace some of them. Each step of a
 * series is its own function below, in the order readRecurring runs them.
 */
import ICAL from 'ical.js';
import type { MeetupEvent } from '../../events';
import { addDaysToIsoDate, wallKeyToUtcMs, type WallTime } from '../../time';
import { approximateMs, parseDuration, type Duration } from '../duration';
import type { Candidate, Details, EventReader, MasterInfo, Slot } from './events';
import { paramString, valuesOf, type JProp, type RawEvent } from './jcal';
import { scanEvent } from './scan';
import { expandRule } from './recurrence';
import { DAY, dayNumber, daysBetween, isoOf, isoOfDayNumber, memo, parseWhen, wallKey, type When } from './values';
import { utcWallIn, wallKeyIn, wallToUtcMs, type ResolvedZone } from './zones';

/**
 * The components of one UID, in feed order: nearly always one. A lone one-off read as it came (UidGroups.add) keeps
 * only its event and its text: `first` is null until a second component makes it a group to read again.
 */
interface UidGroup {
  uid: string;
  first: RawEvent | null;
  chunk: string | null;
  event: MeetupEvent | null;
  more: RawEvent[] | null;
}

/**
 * Every event of the feed, read one UID at a time, each id once. Components are added in feed order, and a UID's
 * events come out where the UID first appears; a one-off is read as soon as it is added when that leaves no note or
 * warning (so their order cannot change), and only its event stays alive meanwhile, not what was read to make it.
 */
export class UidGroups {
  /** Components added. */
  count = 0;
  private readonly groups: UidGroup[] = [];
  private readonly byUid = new Map<string, UidGroup>();

  constructor(private readonly reader: EventReader) {}

  /** `chunk`: the component's text when scanEvent reads it (again to the same RawEvent), else null. */
  add(raw: RawEvent, chunk: string | null): void {
    this.count++;
    if (!raw.uid) {
      this.reader.notes.noUid++;
      raw.uid = `generated-${hash(`${raw.summary ?? ''}|${raw.dtstart?.value ?? ''}|${raw.dtstart?.tzid ?? ''}`)}`;
      // Read in read(): a second read of its text would have no UID.
      chunk = null;
    }
    const group = this.byUid.get(raw.uid);
    if (group) {
      // Not alone after all: its first component is read again, and the group is read as a whole.
      group.first ??= scanEvent(group.chunk!);
      group.event = null;
      (group.more ??= []).push(raw);
      return;
    }
    const event = chunk !== null && isOneOff(raw) ? this.reader.quietOneOff(raw.uid, raw) : undefined;
    const created: UidGroup = event === undefined
      ? { uid: raw.uid, first: raw, chunk: null, event: null, more: null }
      : { uid: raw.uid, first: null, chunk, event, more: null };
    this.byUid.set(raw.uid, created);
    this.groups.push(created);
  }

  read(): MeetupEvent[] {
    const reader = this.reader;
    const notes = reader.notes;
    const events: MeetupEvent[] = [];
    const candidates: Candidate[] = [];
    // Indexed loops: a waking worker runs this unoptimised, where for…of allocates per step.
    for (let g = 0; g < this.groups.length; g++) {
      const { uid, first, event, more } = this.groups[g]!;
      if (first === null) {
        if (event) events.push(event);
        continue;
      }
      if (more === null && isOneOff(first)) {
        // A UID that is one event: what readGroup would do, without its lists and candidates.
        try {
          const read = reader.oneOff(uid, first);
          if (read) events.push(read);
        } catch {
          notes.broken++;
        }
        continue;
      }
      const components = more === null ? [first] : [first, ...more];
      const masters = components.filter((raw) => !raw.recurrenceId);
      const overrides = components.filter((raw) => raw.recurrenceId);
      candidates.length = 0;
      try {
        readGroup(reader, uid, masters, overrides, candidates);
      } catch {
        notes.broken++;
        continue;
      }
      // Ids can only collide inside one UID (a master and its overrides, or a UID reused by copies of an event);
      // ids of one component are already unique, so the common case skips the map.
      if (more === null) {
        for (let c = 0; c < candidates.length; c++) events.push(candidates[c]!.event);
        continue;
      }
      const byId = new Map<string, Candidate>();
      for (const candidate of candidates) {
        const existing = byId.get(candidate.event.id);
        if (!existing || candidate.priority > existing.priority) byId.set(candidate.event.id, candidate);
      }
      for (const candidate of byId.values()) events.push(candidate.event);
    }
    return events;
  }
}

/** A component that is neither a series (RRULE, RDATE) nor an override (RECURRENCE-ID). */
function isOneOff(raw: RawEvent): boolean {
  return !raw.recurrenceId && raw.rrules.length === 0 && raw.rdates.length === 0;
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

/** A UID's events: one-off masters as they are, a recurring master expanded with its overrides. */
function readGroup(reader: EventReader, uid: string, allMasters: RawEvent[], overrides: RawEvent[], out: Candidate[]): void {
  const masters = newestCopies(allMasters);
  const recurring = masters.find((m) => m.rrules.length > 0 || m.rdates.length > 0);
  for (const master of masters) {
    if (master === recurring) continue;
    const event = reader.oneOff(uid, master);
    if (event) out.push({ priority: master.sequence * 2, event });
  }
  if (recurring) readRecurring(reader, uid, recurring, overrides, out);
  else {
    // Overrides without a master: each is an event on its own, keyed like it would be with the master.
    for (const override of overrides) reader.readOverride(uid, override, null, out);
  }
}

/**
 * One UID several times as a master is a series (or event) re-published with a higher SEQUENCE: only the
 * newest copies count; the older ones are what it replaced, their dates and EXDATEs included.
 */
function newestCopies(allMasters: RawEvent[]): RawEvent[] {
  const newest = allMasters.reduce((max, m) => Math.max(max, m.sequence), -Infinity);
  return allMasters.length > 1 ? allMasters.filter((m) => m.sequence === newest) : allMasters;
}

interface ThisAndFuture {
  key: number;
  deltaMs: number;
  deltaDays: number;
  length: Duration | null;
  days: number;
  details: Details;
}

/** A recurring master's DTSTART, first occurrence and what its occurrences share, worked out once. */
interface Series {
  master: RawEvent;
  start: When;
  /** The zone rules step in; null for a UTC DTSTART. */
  zone: ResolvedZone | null;
  /** The zone floating EXDATE/RDATE/RECURRENCE-ID times are read in. */
  relatedZone: ResolvedZone;
  toInstant: (wall: WallTime) => number;
  /** toInstant of a wall key (Date.UTC of the fields), when the zone needs no fields (not a custom VTIMEZONE). */
  keyToInstant: ((key: number) => number) | undefined;
  keyOf: (when: When) => number;
  length: Duration | null;
  durationMs: number | null;
  days: number;
  details: Details;
  masterInfo: MasterInfo;
  label: string | null;
}

/** Occurrences removed by EXDATE: instants, or days (an all-day series, or EXDATE;VALUE=DATE on a timed one). */
interface Exclusions {
  excludedInstants: Set<number>;
  excludedDays: Set<number>;
}

/** Occurrences the overrides replace (by key, or by local day for a date RECURRENCE-ID) or shift (THISANDFUTURE). */
interface Replacements {
  single: Set<number>;
  singleDays: Set<number>;
  future: ThisAndFuture[];
}

/** `key`: the wall time as Date.UTC of its fields (an all-day series counts in its days, Math.floor(key / DAY)). */
type Occurrence = { key: number; ms: number; end?: number };

/** RFC 5545's recurrence set, one step at a time; without a readable DTSTART the overrides stand alone. */
function readRecurring(reader: EventReader, uid: string, master: RawEvent, overrides: RawEvent[], out: Candidate[]): void {
  const start = reader.startOf(master);
  if (!start) {
    for (const override of overrides) reader.readOverride(uid, override, null, out);
    return;
  }
  const series = seriesOf(reader, master, start);
  if (!series) return;
  const exclusions = readExdates(reader, series);
  const replacements = applyOverrides(reader, uid, series, overrides, exclusions, out);
  const occurrences = expandRules(reader, series, maxShiftOf(replacements.future));
  addRdates(reader, series, occurrences);
  emitOccurrences(reader, uid, series, occurrences, exclusions, replacements, out);
}

/** Zones, length and details come from DTSTART and the first occurrence; every later step reads them. */
function seriesOf(reader: EventReader, master: RawEvent, start: When): Series | null {
  const zone = start.allDay ? reader.zones.floating : start.utc ? null : start.tzid ? reader.zones.resolve(start.tzid) : reader.zones.floating;
  const toInstant = (wall: WallTime): number =>
    zone ? wallToUtcMs(wall, zone.rule) : wallKey(wall);
  const rule = zone?.rule;
  const keyToInstant = !rule ? (key: number) => key : rule.kind === 'iana' ? (key: number) => wallKeyToUtcMs(key, rule.zone) : undefined;
  const relatedZone = zone ?? reader.zones.floating;
  const firstSlot = reader.slot(master, start, null);
  if (!firstSlot) return null;
  const length = firstSlot.length ?? null;
  // For the window only: an upper bound (a nominal day may last 25 hours).
  const durationMs = length === null ? null : approximateMs(length) + (length.days !== 0 ? 3 * 3_600_000 : 0);
  const days = start.allDay && firstSlot.end ? daysBetween(firstSlot.start, firstSlot.end) : 1;
  const details = reader.details(master);
  const masterInfo = { details, zone: relatedZone, allDay: start.allDay, length, days };
  const label = firstSlot.timeZone;

  // Occurrence keys are instants (ms) for timed events and day numbers for all-day ones.
  const keyOf = (when: When): number =>
    start.allDay ? dayNumber(reader.seriesDay(when)) : when.allDay ? dayNumber(when.wall) : reader.zones.instant(when, relatedZone);
  return { master, start, zone, relatedZone, toInstant, keyToInstant, keyOf, length, durationMs, days, details, masterInfo, label };
}

/** EXDATEs first: an override for an excluded date may be gone with it (applyOverrides). */
function readExdates(reader: EventReader, { master, start, relatedZone }: Series): Exclusions {
  const excludedInstants = new Set<number>();
  const excludedDays = new Set<number>();
  for (const prop of master.exdates) {
    for (const value of valuesOf(prop)) {
      if (typeof value !== 'string') continue;
      const when = parseWhen({ value, type: String(prop[2] ?? ''), tzid: paramString(prop[1], 'tzid') });
      if (!when) continue;
      if (start.allDay) excludedDays.add(dayNumber(reader.seriesDay(when)));
      else if (when.allDay) excludedDays.add(dayNumber(when.wall));
      else excludedInstants.add(reader.zones.instant(when, relatedZone));
    }
  }
  return { excludedInstants, excludedDays };
}

/**
 * Whether the master's EXDATEs drop the occurrence at `key`: a day number when `byDay` (an all-day series or
 * an all-day RECURRENCE-ID), else an instant, which an EXDATE;VALUE=DATE also drops on its local day.
 */
function excludes({ excludedInstants, excludedDays }: Exclusions, key: number, byDay: boolean, relatedZone: ResolvedZone): boolean {
  if (byDay) return excludedDays.has(key);
  return excludedInstants.has(key) || (excludedDays.size > 0 && excludedDays.has(dayNumber(utcWallIn(key, relatedZone))));
}

/** Overrides are emitted as they are; their keys tell emitOccurrences which occurrences they replace. */
function applyOverrides(
  reader: EventReader,
  uid: string,
  { master, start, relatedZone, keyOf, length, days, details, masterInfo }: Series,
  overrides: RawEvent[],
  exclusions: Exclusions,
  out: Candidate[],
): Replacements {
  const single = new Set<number>();
  const singleDays = new Set<number>();
  const future: ThisAndFuture[] = [];
  const isExcluded = (key: number, allDayRid: boolean): boolean => excludes(exclusions, key, start.allDay || allDayRid, relatedZone);
  for (const override of overrides) {
    const rid = parseWhen(override.recurrenceId);
    if (!rid) continue;
    const ridAllDay = rid.allDay && !start.allDay;
    // An override for a date the master excludes is gone unless it is newer than the master: an older one was
    // cancelled when the master was re-published without that occurrence (as ical.js also drops them).
    if (override.sequence <= master.sequence && isExcluded(ridAllDay ? dayNumber(rid.wall) : keyOf(rid), ridAllDay)) continue;
    reader.readOverride(uid, override, masterInfo, out);
    if (rid.allDay && !start.allDay) singleDays.add(dayNumber(rid.wall));
    else single.add(keyOf(rid));
    const overrideStart = parseWhen(override.dtstart);
    if (override.thisAndFuture && overrideStart) {
      const slot = reader.slot(override, overrideStart, { length, days });
      if (!slot) continue;
      const key = keyOf(rid);
      future.push({
        key,
        deltaMs: start.allDay ? 0 : slot.startMs - key,
        deltaDays: start.allDay ? daysBetween(isoOfDayNumber(key), slot.start) : 0,
        length: slot.length ?? null,
        days: slot.allDay && slot.end ? daysBetween(slot.start, slot.end) : days,
        details: reader.details(override, details),
      });
    }
  }
  future.sort((a, b) => a.key - b.key);
  return { single, singleDays, future };
}

/** Occurrences a THISANDFUTURE override moves into the window start outside it: the rules look that much further. */
function maxShiftOf(future: ThisAndFuture[]): number {
  return future.reduce((m, f) => Math.max(m, Math.abs(f.deltaMs), Math.abs(f.deltaDays) * DAY), 0);
}

/** The RRULEs' occurrences in the window, or DTSTART alone when there is none. */
function expandRules(reader: EventReader, { master, start, zone, toInstant, keyToInstant, durationMs, days }: Series, maxShift: number): Occurrence[] {
  const occurrences: Occurrence[] = [];
  // Several RRULEs (RFC 2445, still written by Zimbra and old Outlook): the occurrences are their union, each
  // rule counting its own COUNT from DTSTART; duplicates fall out in emitOccurrences.
  for (const rrule of master.rrules) {
    const recur = readRecur(rrule);
    if (recur) {
      const began = Date.now();
      const expansion = expandRule({
        maxMillis: Math.max(0, Math.min(100, reader.recurrenceBudgetMs)),
        recur,
        start: start.wall,
        isDate: start.allDay,
        toInstant,
        keyToInstant,
        toWallKey: (instant) => wallKeyIn(instant, zone),
        windowFrom: reader.from - maxShift,
        windowTo: reader.to + maxShift,
        durationMs: start.allDay ? days * DAY : (durationMs ?? 0),
        maxOccurrences: reader.maxOccurrences,
      });
      reader.recurrenceBudgetMs -= Date.now() - began;
      occurrences.push(...expansion.occurrences);
      if (expansion.capped) reader.notes.capped++;
      if (expansion.truncated) reader.notes.truncated.add(expansion.truncated);
    } else {
      occurrences.push({ key: wallKey(start.wall), ms: toInstant(start.wall) });
      reader.notes.truncated.add('unreadable repeat rule');
    }
  }
  if (master.rrules.length === 0) occurrences.push({ key: wallKey(start.wall), ms: toInstant(start.wall) });
  return occurrences;
}

/** RDATEs add occurrences, PERIOD values with their own end. */
function addRdates(reader: EventReader, { master, start, relatedZone, toInstant }: Series, occurrences: Occurrence[]): void {
  for (const prop of master.rdates) {
    for (const value of valuesOf(prop)) {
      const [first, second] = Array.isArray(value) ? value : String(value).split('/');
      const when = parseWhen({ value: String(first ?? ''), type: String(prop[2] ?? ''), tzid: paramString(prop[1], 'tzid') });
      if (!when) continue;
      const wall = start.allDay ? reader.seriesDay(when) : when.wall;
      const ms = start.allDay || when.allDay ? toInstant({ ...wall, hour: 0, minute: 0, second: 0 }) : reader.zones.instant(when, relatedZone);
      let end: number | undefined;
      const periodEnd = typeof second === 'string' ? parseWhen({ value: second, type: 'date-time', tzid: paramString(prop[1], 'tzid') }) : null;
      const periodDuration = typeof second === 'string' ? parseDuration(second) : null;
      if (periodEnd && !periodEnd.allDay) end = reader.zones.instant(periodEnd, relatedZone);
      else if (periodDuration !== null) end = reader.zones.add(ms, periodDuration, when.allDay ? relatedZone : reader.zones.zoneOf(when, relatedZone));
      occurrences.push({ key: wallKey(wall), ms, end });
    }
  }
}

/** Occurrences in time order, each once, less the excluded and the replaced, as events (a THISANDFUTURE shift applied). */
function emitOccurrences(
  reader: EventReader,
  uid: string,
  { master, start, zone, relatedZone, length, days, details, label }: Series,
  occurrences: Occurrence[],
  exclusions: Exclusions,
  { single, singleDays, future }: Replacements,
  out: Candidate[],
): void {
  let emitted = 0;
  // One rule's occurrences come in order: only several rules or RDATEs need the (stable) sort, and only then, or
  // instants that repeat (a DST gap), or days that repeat (an all-day series), can keys repeat.
  const order = orderOf(occurrences);
  if (order === 'unordered') occurrences.sort((a, b) => a.ms - b.ms);
  const seen = order === 'increasing' && !start.allDay ? null : new Set<number>();
  for (let o = 0; o < occurrences.length; o++) {
    const occurrence = occurrences[o]!;
    const key = start.allDay ? Math.floor(occurrence.key / DAY) : occurrence.ms;
    if (seen) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (excludes(exclusions, key, start.allDay, relatedZone) || single.has(key)) continue;
    // A date RECURRENCE-ID on a timed series replaces the occurrence of that local day.
    if (!start.allDay && singleDays.size > 0 && singleDays.has(dayNumber(utcWallIn(key, relatedZone)))) continue;
    if (emitted >= reader.maxOccurrences) break;
    let applied: ThisAndFuture | undefined;
    for (let f = 0; f < future.length; f++) if (future[f]!.key <= key) applied = future[f];
    let slot: Slot;
    const occurrenceKey = start.allDay ? isoOfDayNumber(key) : isoOf(key);
    if (start.allDay) {
      const date = addDaysToIsoDate(occurrenceKey, applied?.deltaDays ?? 0);
      const end = addDaysToIsoDate(date, applied?.days ?? days);
      slot = { allDay: true, start: date, end, startMs: reader.zones.dateMs(date), endMs: reader.zones.dateMs(end), timeZone: null, length: null };
    } else {
      const startMs = key + (applied?.deltaMs ?? 0);
      const span = applied ? applied.length : length;
      // Nominal days of a DURATION count on the event's own wall clock (same end time across a DST change).
      const endMs = occurrence.end ?? (span === null ? null : reader.zones.add(startMs, span, zone));
      slot = { allDay: false, start: startMs === key ? occurrenceKey : isoOf(startMs), end: endMs === null ? null : isoOf(endMs), startMs, endMs, timeZone: label, length: null };
    }
    if (!reader.inWindow(slot)) continue;
    out.push({ priority: master.sequence * 2, event: reader.event(uid, occurrenceKey, slot, applied?.details ?? details, true) });
    emitted++;
  }
}

function orderOf(occurrences: Occurrence[]): 'increasing' | 'ordered' | 'unordered' {
  let order: 'increasing' | 'ordered' = 'increasing';
  for (let i = 1; i < occurrences.length; i++) {
    const step = occurrences[i]!.ms - occurrences[i - 1]!.ms;
    if (step === 0) order = 'ordered';
    // A NaN instant leaves the order to the sort, as before.
    else if (!(step > 0)) return 'unordered';
  }
  return order;
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
      ? memo(recurs, rule, recurFromText, 1000)
      : (new ICAL.Property(rrule as never).getFirstValue() as InstanceType<typeof ICAL.Recur>);
  } catch {
    recur = null;
  }
  return recur && typeof recur === 'object' && typeof recur.freq === 'string' && recur.freq ? recur : null;
}

/** Rules by their text: a feed's series often share one ("FREQ=WEEKLY"), and expansion never changes a rule. */
const recurs = new Map<string, InstanceType<typeof ICAL.Recur>>();

function recurFromText(rule: string): InstanceType<typeof ICAL.Recur> {
  // ical.js refuses " TU" but silently ignores " BYDAY " as an unknown part: strip first, whatever it would do.
  return ICAL.Recur.fromString(rule.indexOf(' ') === -1 ? rule : rule.replace(/\s+/g, ''));
}
