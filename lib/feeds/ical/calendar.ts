/**
 * The readers' entry: a feed's text (or jCal) to its VCALENDARs, their header (name, X-WR-TIMEZONE, refresh hints),
 * VTIMEZONEs and VEVENTs, and from those the feed's events.
 */
import ICAL from 'ical.js';
import { compareEvents, type FeedFormat, type FeedParseResult, type MeetupEvent, type ParseOptions } from '../../events';
import { plainLine } from '../../text';
import { defaultWindow } from '../../upcoming/window';
import { feedFloatingZone } from '../date-values';
import { FeedError, type FeedFound } from '../errors';
import { EventReader, Warnings } from './events';
import { calendarsOf, hoistNestedEvents, isComponent, readEvent, str, type JComponent, type JProp } from './jcal';
import { UidGroups } from './occurrences';
import { cutEvents, readChunk, tolerantParse, type LineNotes } from './scan';
import { parseDurationMs } from './values';
import { FeedZones, ianaZoneForTzid } from './zones';

const DEFAULT_MAX_OCCURRENCES = 500;

export function parseICal(text: string, options: ParseOptions): FeedParseResult {
  let body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) throw new FeedError('empty', 'The feed is empty.');
  const begin = body.search(/BEGIN:VCALENDAR/i);
  const warnings: string[] = [];
  if (begin < 0) {
    // A bare list of VEVENTs (some CMS exports) is still readable.
    const vevent = body.search(/BEGIN:VEVENT/i);
    if (vevent < 0) {
      const { words, found } = describeBody(body);
      throw new FeedError('notAFeed', `Not an iCalendar feed: found ${words}.`, found);
    }
    body = `BEGIN:VCALENDAR\r\n${body.slice(vevent)}\r\nEND:VCALENDAR`;
    warnings.push('No VCALENDAR around the events: read them as a calendar.');
  } else if (begin > 0) {
    body = body.slice(begin);
  }

  // Each VEVENT is parsed and read on its own, once the rest of the feed (its zones) is known: what is read of it
  // dies young unless it becomes an event (the whole-feed tree would be copied around by the GC while we read it),
  // and one broken event costs only itself.
  const lineNotes: LineNotes = { dropped: 0, cut: false };
  const cut = cutEvents(body);
  const source = cut ? cut.rest : body;
  let calendars: JComponent[];
  try {
    calendars = calendarsOf(ICAL.parse(source));
  } catch {
    // ical.js stops at the first bad line; re-read line by line and drop only what is broken.
    calendars = tolerantParse(source, lineNotes);
  }
  const chunks = cut?.chunks ?? [];
  if (calendars.length === 0) {
    // Unreadable event chunks would add their own notes, but the verdict is the same.
    throw new FeedError('malformed', 'Not a readable iCalendar feed: no VCALENDAR found.', { kind: 'noCalendar' });
  }
  return readCalendars(calendars, 'ical', options, warnings, { chunks, lineNotes });
}

/** What the reader says about unreadable lines, before anything it says about the calendar and its events. */
function lineWarnings(lineNotes: LineNotes): string[] {
  const said: string[] = [];
  if (lineNotes.dropped > 0) said.push(`Ignored ${lineNotes.dropped} unreadable line${lineNotes.dropped > 1 ? 's' : ''}.`);
  if (lineNotes.cut) said.push('The feed seems cut short (a component never ends).');
  return said;
}

export function parseJCal(data: unknown, options: ParseOptions): FeedParseResult {
  const calendars = Array.isArray(data) ? calendarsOf(data) : [];
  if (calendars.length === 0) {
    const found = data === null ? 'null' : Array.isArray(data) ? 'an array that is not jCal' : typeof data === 'object' ? 'a JSON object' : `a JSON ${typeof data}`;
    throw new FeedError('notAFeed', `Not a jCal feed: expected ["vcalendar", …], found ${found}.`, { kind: 'notJcal' });
  }
  return readCalendars(calendars, 'jcal', options, []);
}

/** What a body without VEVENT holds: in English for the message, as a kind for the pages. */
function describeBody(body: string): { words: string; found: FeedFound } {
  const head = body.trimStart().slice(0, 200);
  if (/[\u0000-\u0008\u000e-\u001f]/.test(head) || head.includes('\ufffd')) return { words: 'binary data', found: { kind: 'binary' } };
  if (/^<(!doctype html|html|head|body)/i.test(head)) return { words: 'an HTML page', found: { kind: 'htmlPage' } };
  if (head.startsWith('<')) return { words: 'XML or HTML', found: { kind: 'xml' } };
  if (head.startsWith('{') || head.startsWith('[')) return { words: 'JSON', found: { kind: 'json' } };
  const firstLine = head.split(/\r?\n/, 1)[0]!.replace(/\s+/g, ' ').slice(0, 40);
  return { words: `text starting with "${firstLine}"`, found: { kind: 'text', detail: `"${firstLine}"` } };
}

/** `cut`: the VEVENTs cut out of an iCalendar body (cutEvents), read here once the zones are known. */
function readCalendars(
  calendars: JComponent[],
  format: FeedFormat,
  options: ParseOptions,
  warnings: string[],
  cut: { chunks: string[]; lineNotes: LineNotes } = { chunks: [], lineNotes: { dropped: 0, cut: false } },
): FeedParseResult {
  const now = options.now ?? Date.now();
  const window = defaultWindow(now);
  const from = options.from ?? window.from;
  const to = options.to ?? window.to;
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

  // Line notes come first; they are counted once the chunks are read, below.
  const lineNotesAt = warnings.length;
  if (unclosed > 0) warnings.push(`${unclosed} event${unclosed > 1 ? 's' : ''} without END:VEVENT; the events after ${unclosed > 1 ? 'them' : 'it'} were still read.`);

  // The user's per-feed zone > the feed's X-WR-TIMEZONE > the user's city's zone > the system's.
  const floating = feedFloatingZone({
    feedTimeZone: options.feedTimeZone ? ianaZoneForTzid(options.feedTimeZone) : null,
    defaultTimeZone: (options.defaultTimeZone && ianaZoneForTzid(options.defaultTimeZone)) || undefined,
  }, calendarZone);
  if (unknownCalendarZone && !calendarZone) warnings.push(`Unknown X-WR-TIMEZONE "${unknownCalendarZone}": floating times read in ${floating}.`);
  const zones = new FeedZones(vtimezones, floating, calendarZone, warnings, { from, to });
  const notes = new Warnings();
  const reader = new EventReader(options, zones, notes, from, to, maxOccurrences);

  const groups = new UidGroups(reader);
  const { chunks, lineNotes } = cut;
  for (let i = 0; i < chunks.length; i++) {
    const read = readChunk(chunks[i]!, lineNotes);
    if (read) groups.add(read.raw, read.scanned ? chunks[i]! : null);
  }
  warnings.splice(lineNotesAt, 0, ...lineWarnings(lineNotes));
  for (const component of vevents) {
    try {
      groups.add(readEvent(component), null);
    } catch {
      notes.broken++;
    }
  }
  const events = groups.read();
  stripInstancePrefix(events, title);
  events.sort(compareEvents);
  notes.flush(warnings);
  if (groups.count === 0) warnings.push('The calendar has no events.');
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
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const m = prefixOf(event.title);
    if (!m) continue;
    const name = m[1]!;
    const rest = event.title.slice(m[0].length);
    if (rest && (name === shared || (calendarName && name.toLowerCase() === calendarName.toLowerCase()))) event.title = rest;
  }
}
