/**
 * Scanning iCalendar text. The common VEVENT is scanned straight into a RawEvent; the rest of the feed (calendar
 * properties, VTIMEZONEs) and any unusual VEVENT go through ICAL.parse, or line by line when ical.js gives up on a
 * bad line.
 */
import ICAL from 'ical.js';
import { isComponent, readEvent, type JComponent, type JProp, type RawEvent } from './jcal';
import { lineText, splitUnescaped, unescapeText } from './values';

export interface LineNotes {
  dropped: number;
  cut: boolean;
}

/**
 * Cuts the VEVENTs out of the body and parses each one alone; the rest (calendar properties, VTIMEZONEs) is
 * returned for a normal parse. Returns null for bodies where the cut is not clear-cut (lowercase keywords, an
 * event without END), which then go through the whole-body path.
 */
export function splitEvents(body: string, notes: LineNotes): { rest: string; events: RawEvent[] } | null {
  const BEGIN = '\nBEGIN:VEVENT';
  const END = '\nEND:VEVENT';
  const events: RawEvent[] = [];
  const rest: string[] = [];
  let cursor = 0;
  for (;;) {
    const begin = body.indexOf(BEGIN, cursor);
    if (begin < 0) break;
    const after = body.charCodeAt(begin + BEGIN.length);
    const end = body.indexOf(END, begin);
    const next = body.indexOf(BEGIN, begin + BEGIN.length);
    if ((after !== 13 && after !== 10) || end < 0 || (next >= 0 && next < end)) return null;
    const endOfLine = end + END.length;
    rest.push(body.slice(cursor, begin + 1));
    const chunk = body.slice(begin + 1, endOfLine);
    const scanned = scanEvent(chunk, events.length);
    if (scanned) {
      events.push(scanned);
    } else {
      // Something unusual in this event: let ical.js read it, line by line if it must.
      let component: unknown;
      try {
        component = ICAL.parse(chunk);
      } catch {
        component = tolerantParse(chunk, notes, 'vevent')[0];
      }
      try {
        if (isComponent(component)) events.push(readEvent(component, events.length));
      } catch {
        notes.dropped++;
      }
    }
    cursor = endOfLine;
  }
  rest.push(body.slice(cursor));
  return { rest: rest.join(''), events };
}

const SCANNED = new Set([
  'UID', 'SUMMARY', 'DESCRIPTION', 'X-ALT-DESC', 'LOCATION', 'URL', 'STATUS', 'DTSTART', 'DTEND', 'DURATION', 'RRULE',
  'RDATE', 'EXDATE', 'RECURRENCE-ID', 'GEO', 'CATEGORIES', 'SEQUENCE', 'IMAGE', 'ATTACH',
]);

/**
 * Reads one VEVENT's text directly into a RawEvent, materialising only the properties we use: several times
 * cheaper than ICAL.parse on big feeds. Returns null on anything unusual (a line without ":", an unclosed quote,
 * lowercase BEGIN/END…), and the caller lets ical.js read that event instead — the result must be the same as
 * readEvent(ICAL.parse(chunk)), which the tests check on every fixture.
 */
function scanEvent(chunk: string, order: number): RawEvent | null {
  const event: RawEvent = {
    order, uid: null, summary: null, description: null, altDescription: null, location: null, url: null,
    status: null, dtstart: null, dtend: null, duration: null, rrules: [], rdates: [], exdates: [],
    recurrenceId: null, thisAndFuture: false, geo: null, categories: [], image: null, sequence: 0,
  };
  let depth = 0;
  let position = 0;
  const length = chunk.length;
  while (position < length) {
    // One logical (unfolded) line.
    let end = chunk.indexOf('\n', position);
    if (end === -1) end = length;
    let line = chunk.slice(position, end > position && chunk.charCodeAt(end - 1) === 13 ? end - 1 : end);
    position = end + 1;
    while (position < length && (chunk.charCodeAt(position) === 32 || chunk.charCodeAt(position) === 9)) {
      let next = chunk.indexOf('\n', position);
      if (next === -1) next = length;
      line += chunk.slice(position + 1, next > position && chunk.charCodeAt(next - 1) === 13 ? next - 1 : next);
      position = next + 1;
    }
    if (line.length === 0) continue;
    const colon = line.indexOf(':');
    if (colon === -1) return null;
    const semicolon = line.indexOf(';');
    const nameEnd = semicolon !== -1 && semicolon < colon ? semicolon : colon;
    const name = upperAscii(line.slice(0, nameEnd));
    if (name === 'BEGIN' || name === 'END') {
      if (line.slice(nameEnd + 1) !== line.slice(nameEnd + 1).toUpperCase()) return null;
      depth += name === 'BEGIN' ? 1 : -1;
      continue;
    }
    if (depth !== 1 || !SCANNED.has(name)) continue;

    let params: Record<string, string> | null = null;
    let valueStart = colon + 1;
    if (nameEnd === semicolon) {
      params = {};
      let i = nameEnd;
      while (line.charCodeAt(i) === 59) {
        const eq = line.indexOf('=', i + 1);
        if (eq === -1) return null;
        const key = line.slice(i + 1, eq).toLowerCase();
        let j = eq + 1;
        let value = '';
        for (;;) {
          if (line.charCodeAt(j) === 34) {
            const close = line.indexOf('"', j + 1);
            if (close === -1) return null;
            value += line.slice(j + 1, close);
            j = close + 1;
          } else {
            let k = j;
            while (k < line.length && line.charCodeAt(k) !== 59 && line.charCodeAt(k) !== 58 && line.charCodeAt(k) !== 44) k++;
            value += line.slice(j, k);
            j = k;
          }
          if (line.charCodeAt(j) !== 44) break;
          value += ',';
          j++;
        }
        if (!key || value.includes('^')) return null;
        params[key] = value;
        i = j;
      }
      if (line.charCodeAt(i) !== 58) return null;
      valueStart = i + 1;
    }
    const value = line.slice(valueStart);
    const type = params?.value?.toLowerCase();
    switch (name) {
      case 'UID': event.uid = unescapeText(value).trim() || null; break;
      case 'SUMMARY': event.summary = unescapeText(value); break;
      case 'DESCRIPTION': event.description = unescapeText(value); break;
      case 'X-ALT-DESC': event.altDescription = value; break;
      case 'LOCATION': event.location = unescapeText(value); break;
      case 'URL': event.url = value; break;
      case 'STATUS': event.status = unescapeText(value); break;
      case 'DTSTART': event.dtstart = { value, type: type ?? 'date-time', tzid: params?.tzid ?? null }; break;
      case 'DTEND': event.dtend = { value, type: type ?? 'date-time', tzid: params?.tzid ?? null }; break;
      case 'DURATION': event.duration = value; break;
      case 'RRULE': event.rrules.push(['rrule', {}, 'recur', value]); break;
      case 'RDATE':
      case 'EXDATE': {
        const prop: JProp = [name.toLowerCase(), params?.tzid ? { tzid: params.tzid } : {}, type ?? 'date-time', ...value.split(',')];
        (name === 'RDATE' ? event.rdates : event.exdates).push(prop);
        break;
      }
      case 'RECURRENCE-ID':
        event.recurrenceId = { value, type: type ?? 'date-time', tzid: params?.tzid ?? null };
        event.thisAndFuture = (params?.range ?? '').toUpperCase() === 'THISANDFUTURE';
        break;
      case 'GEO': {
        // As value.split(';') would read it, without the array.
        const semicolon = value.indexOf(';');
        const next = semicolon === -1 ? -1 : value.indexOf(';', semicolon + 1);
        event.geo = semicolon === -1 ? Number(value) : [Number(value.slice(0, semicolon)), Number(value.slice(semicolon + 1, next === -1 ? undefined : next))];
        break;
      }
      case 'CATEGORIES':
        for (const part of splitUnescaped(value, ',')) {
          const text = lineText(unescapeText(part));
          if (text && !event.categories.includes(text)) event.categories.push(text);
        }
        break;
      case 'SEQUENCE': event.sequence = Number(value) || 0; break;
      case 'IMAGE': event.image ??= value; break;
      case 'ATTACH':
        if ((params?.fmttype ?? '').toLowerCase().startsWith('image/')) event.image ??= value;
        break;
    }
  }
  return depth === 0 ? event : null;
}

/** toUpperCase, skipped for names already in capitals (nearly all): one string less per line. */
function upperAscii(name: string): string {
  // Below "a" (97), toUpperCase changes no character.
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) >= 97) return name.toUpperCase();
  return name;
}

/** Line-by-line reading that keeps everything ical.js can read and counts what it cannot. */
export function tolerantParse(body: string, notes: LineNotes, rootName = 'vcalendar'): JComponent[] {
  const roots: JComponent[] = [];
  const stack: JComponent[] = [];
  const lines: string[] = [];
  for (const raw of body.split(/\r\n|\n|\r/)) {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && lines.length > 0) lines[lines.length - 1] += raw.slice(1);
    else lines.push(raw);
  }
  for (const line of lines) {
    if (!line.trim()) continue;
    const structural = /^(BEGIN|END):\s*([A-Za-z0-9-]+)\s*$/i.exec(line);
    if (structural) {
      const name = structural[2]!.toLowerCase();
      if (structural[1]!.toUpperCase() === 'BEGIN') {
        const component: JComponent = [name, [], []];
        const parent = stack[stack.length - 1];
        if (parent) (parent[2] as JComponent[]).push(component);
        else if (name === rootName) roots.push(component);
        else notes.dropped++;
        stack.push(component);
      } else {
        const at = stack.map((c) => c[0]).lastIndexOf(name);
        if (at >= 0) stack.length = at;
        else notes.dropped++;
      }
      continue;
    }
    const current = stack[stack.length - 1];
    if (!current) continue;
    try {
      (current[1] as JProp[]).push(ICAL.parse.property(line, ICAL.design.icalendar) as JProp);
    } catch {
      // "RRULE:FREQ=WEEKLY;BYDAY=MO, TU" (Exchange): a rule holds no meaningful whitespace.
      const rule = /^RRULE:/i.test(line) ? tryParseProperty(line.replace(/\s+/g, '')) : null;
      if (rule) (current[1] as JProp[]).push(rule);
      else notes.dropped++;
    }
  }
  if (stack.length > 0) notes.cut = true;
  return roots;
}

function tryParseProperty(line: string): JProp | null {
  try {
    return ICAL.parse.property(line, ICAL.design.icalendar) as JProp;
  } catch {
    return null;
  }
}
