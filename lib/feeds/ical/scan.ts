/**
 * Scanning iCalendar text. The common VEVENT is scanned straight into a RawEvent; the rest of the feed (calendar
 * properties, VTIMEZONEs) and any unusual VEVENT go through ICAL.parse, or line by line when ical.js gives up on a
 * bad line.
 */
import ICAL from 'ical.js';
import { isComponent, readEvent, type JComponent, type JProp, type RawEvent } from './jcal';
import { lineText, memo, splitUnescaped, unescapeText } from './values';

export interface LineNotes {
  dropped: number;
  cut: boolean;
}

/**
 * Cuts the VEVENTs out of the body, each to be read alone (readChunk); the rest (calendar properties, VTIMEZONEs) is
 * returned for a normal parse. Returns null for bodies where the cut is not clear-cut (lowercase keywords, an
 * event without END), which then go through the whole-body path.
 */
export function cutEvents(body: string): { rest: string; chunks: string[] } | null {
  const BEGIN = '\nBEGIN:VEVENT';
  const END = '\nEND:VEVENT';
  const chunks: string[] = [];
  const rest: string[] = [];
  let cursor = 0;
  let begin = body.indexOf(BEGIN);
  while (begin >= 0) {
    const after = body.charCodeAt(begin + BEGIN.length);
    const end = body.indexOf(END, begin);
    const next = body.indexOf(BEGIN, begin + BEGIN.length);
    if ((after !== 13 && after !== 10) || end < 0 || (next >= 0 && next < end)) return null;
    const endOfLine = end + END.length;
    rest.push(body.slice(cursor, begin + 1));
    chunks.push(body.slice(begin + 1, endOfLine));
    cursor = endOfLine;
    // The next BEGIN lies past this END (checked above): the search from the cursor would find the same one.
    begin = next;
  }
  rest.push(body.slice(cursor));
  return { rest: rest.join(''), chunks };
}

/**
 * One VEVENT's text to a RawEvent: scanned when it is the common kind (`scanned` true: scanEvent reads it again to
 * the same RawEvent), else by ical.js, line by line if it must; null when nothing readable is left.
 */
export function readChunk(chunk: string, notes: LineNotes): { raw: RawEvent; scanned: boolean } | null {
  const scanned = scanEvent(chunk);
  if (scanned) return { raw: scanned, scanned: true };
  // Something unusual in this event: let ical.js read it, line by line if it must.
  let component: unknown;
  try {
    component = ICAL.parse(chunk);
  } catch {
    component = tolerantParse(chunk, notes, 'vevent')[0];
  }
  try {
    if (isComponent(component)) return { raw: readEvent(component), scanned: false };
  } catch {
    notes.dropped++;
  }
  return null;
}

const SCANNED = [
  'UID', 'SUMMARY', 'DESCRIPTION', 'X-ALT-DESC', 'LOCATION', 'URL', 'STATUS', 'DTSTART', 'DTEND', 'DURATION', 'RRULE',
  'RDATE', 'EXDATE', 'RECURRENCE-ID', 'GEO', 'CATEGORIES', 'SEQUENCE', 'IMAGE', 'ATTACH',
] as const;
type ScannedName = (typeof SCANNED)[number] | 'BEGIN' | 'END';
const KNOWN_NAMES = new Set<string>([...SCANNED, 'BEGIN', 'END']);
/** By length: a line's name is told by one or two startsWith, without a string of its own. */
const NAMES_BY_LENGTH: ScannedName[][] = [];
for (const name of KNOWN_NAMES as Set<ScannedName>) (NAMES_BY_LENGTH[name.length] ??= []).push(name);

/** Shared by every event without such properties; replaced by a fresh array on the first push. */
const NO_PROPS: JProp[] = [];
const NO_CATEGORIES: string[] = [];

/**
 * Reads one VEVENT's text directly into a RawEvent, materialising only the properties we use: several times
 * cheaper than ICAL.parse on big feeds. Returns null on anything unusual (a line without ":", an unclosed quote,
 * lowercase BEGIN/END…), and the caller lets ical.js read that event instead — the result must be the same as
 * readEvent(ICAL.parse(chunk)), which the tests check on every fixture.
 *
 * A line is read where it lies in the chunk (start and stop offsets): only a folded line gets a string of its own,
 * and only the values of kept properties are cut out, so the GC sees a few strings per event rather than one per line.
 */
export function scanEvent(chunk: string): RawEvent | null {
  const event: RawEvent = {
    uid: null, summary: null, description: null, altDescription: null, location: null, url: null,
    status: null, dtstart: null, dtend: null, duration: null, rrules: NO_PROPS, rdates: NO_PROPS, exdates: NO_PROPS,
    recurrenceId: null, thisAndFuture: false, geo: null, categories: NO_CATEGORIES, image: null, sequence: 0,
  };
  let depth = 0;
  let position = 0;
  const length = chunk.length;
  while (position < length) {
    // One logical (unfolded) line: text[start, stop).
    let end = chunk.indexOf('\n', position);
    if (end === -1) end = length;
    let text = chunk;
    let start = position;
    let stop = end > position && chunk.charCodeAt(end - 1) === 13 ? end - 1 : end;
    position = end + 1;
    if (position < length && (chunk.charCodeAt(position) === 32 || chunk.charCodeAt(position) === 9)) {
      text = chunk.slice(start, stop);
      while (position < length && (chunk.charCodeAt(position) === 32 || chunk.charCodeAt(position) === 9)) {
        let next = chunk.indexOf('\n', position);
        if (next === -1) next = length;
        text += chunk.slice(position + 1, next > position && chunk.charCodeAt(next - 1) === 13 ? next - 1 : next);
        position = next + 1;
      }
      start = 0;
      stop = text.length;
    }
    if (stop === start) continue;
    const colon = text.indexOf(':', start);
    if (colon === -1 || colon >= stop) return null;
    let nameEnd = start;
    while (nameEnd < colon && text.charCodeAt(nameEnd) !== 59) nameEnd++;
    const name = propertyName(text, start, nameEnd);
    if (name === 'BEGIN' || name === 'END') {
      if (!unchangedByUpperCase(text, nameEnd + 1, stop)) return null;
      depth += name === 'BEGIN' ? 1 : -1;
      continue;
    }
    if (depth !== 1 || name === null) continue;

    // The parameters the reader uses; any other is only checked, as ical.js would.
    let tzid: string | null = null;
    let type: string | undefined;
    let range = '';
    let fmttype = '';
    let valueStart = colon + 1;
    if (nameEnd < colon) {
      let i = nameEnd;
      while (text.charCodeAt(i) === 59) {
        const eq = text.indexOf('=', i + 1);
        if (eq === -1 || eq >= stop) return null;
        let j = eq + 1;
        let value = '';
        for (;;) {
          if (text.charCodeAt(j) === 34) {
            const close = text.indexOf('"', j + 1);
            if (close === -1 || close >= stop) return null;
            value += text.slice(j + 1, close);
            j = close + 1;
          } else {
            let k = j;
            while (k < stop && text.charCodeAt(k) !== 59 && text.charCodeAt(k) !== 58 && text.charCodeAt(k) !== 44) k++;
            value += text.slice(j, k);
            j = k;
          }
          if (text.charCodeAt(j) !== 44) break;
          value += ',';
          j++;
        }
        if (eq === i + 1 || value.includes('^')) return null;
        // As params[key.toLowerCase()] = value: the last of a repeated parameter wins.
        if (keyIs(text, i + 1, eq, 'tzid')) tzid = value;
        else if (keyIs(text, i + 1, eq, 'value')) type = value.toLowerCase();
        else if (keyIs(text, i + 1, eq, 'range')) range = value;
        else if (keyIs(text, i + 1, eq, 'fmttype')) fmttype = value;
        i = j;
      }
      if (text.charCodeAt(i) !== 58) return null;
      valueStart = i + 1;
    }
    const value = text.slice(valueStart, stop);
    switch (name) {
      case 'UID': event.uid = unescapeText(value).trim() || null; break;
      case 'SUMMARY': event.summary = unescapeText(value); break;
      case 'DESCRIPTION': event.description = unescapeText(value); break;
      case 'X-ALT-DESC': event.altDescription = value; break;
      case 'LOCATION': event.location = memo(venues, value, unescapeText, 1000); break;
      case 'URL': event.url = value; break;
      case 'STATUS': event.status = unescapeText(value); break;
      case 'DTSTART': event.dtstart = { value, type: type ?? 'date-time', tzid }; break;
      case 'DTEND': event.dtend = { value, type: type ?? 'date-time', tzid }; break;
      case 'DURATION': event.duration = value; break;
      case 'RRULE':
        if (event.rrules === NO_PROPS) event.rrules = [];
        event.rrules.push(['rrule', {}, 'recur', value]);
        break;
      case 'RDATE':
      case 'EXDATE': {
        const prop: JProp = [name.toLowerCase(), tzid ? { tzid } : {}, type ?? 'date-time', ...value.split(',')];
        if (name === 'RDATE') (event.rdates === NO_PROPS ? (event.rdates = []) : event.rdates).push(prop);
        else (event.exdates === NO_PROPS ? (event.exdates = []) : event.exdates).push(prop);
        break;
      }
      case 'RECURRENCE-ID':
        event.recurrenceId = { value, type: type ?? 'date-time', tzid };
        event.thisAndFuture = range.toUpperCase() === 'THISANDFUTURE';
        break;
      case 'GEO': event.geo = memo(coordinates, value, readGeo, 1000); break;
      case 'CATEGORIES': {
        const parts = splitUnescaped(value, ',');
        for (let p = 0; p < parts.length; p++) {
          const text = lineText(unescapeText(parts[p]!));
          if (!text || event.categories.includes(text)) continue;
          // Arrays of their exact size: they end up in the events, kept as long as the feed.
          event.categories = event.categories === NO_CATEGORIES ? [text] : event.categories.concat(text);
        }
        break;
      }
      case 'SEQUENCE': event.sequence = Number(value) || 0; break;
      case 'IMAGE': event.image ??= value; break;
      case 'ATTACH':
        if (fmttype.toLowerCase().startsWith('image/')) event.image ??= value;
        break;
    }
  }
  return depth === 0 ? event : null;
}

/**
 * A group's feed gives most events the same venue and coordinates: each distinct LOCATION and GEO is read once, and
 * its events share the result (a string, or the coordinates nothing writes to).
 */
const venues = new Map<string, string>();
const coordinates = new Map<string, number | [number, number]>();

/** As value.split(';') would read it, without the array. */
function readGeo(value: string): number | [number, number] {
  const semicolon = value.indexOf(';');
  const next = semicolon === -1 ? -1 : value.indexOf(';', semicolon + 1);
  return semicolon === -1 ? Number(value) : [Number(value.slice(0, semicolon)), Number(value.slice(semicolon + 1, next === -1 ? undefined : next))];
}

/** The name of text[start, end) in capitals, when it is one the scan knows; else null. */
function propertyName(text: string, start: number, end: number): ScannedName | null {
  const candidates = NAMES_BY_LENGTH[end - start];
  // Indexed loops here and below: a waking worker runs this code unoptimised, where for…of allocates.
  if (candidates) for (let c = 0; c < candidates.length; c++) if (text.startsWith(candidates[c]!, start)) return candidates[c]!;
  // Below "a" (97), toUpperCase changes no character: only a name with one may still be a known one ("dtstart").
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) >= 97) {
      const upper = text.slice(start, end).toUpperCase();
      return KNOWN_NAMES.has(upper) ? (upper as ScannedName) : null;
    }
  }
  return null;
}

/** text[start, end) === text[start, end).toUpperCase(), without the two strings when no character is "a" or above. */
function unchangedByUpperCase(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) >= 97) {
      const value = text.slice(start, end);
      return value === value.toUpperCase();
    }
  }
  return true;
}

/** text[start, end).toLowerCase() === key, for a key of ASCII letters (only KELVIN SIGN lowercases into ASCII, to "k"). */
function keyIs(text: string, start: number, end: number, key: string): boolean {
  if (end - start !== key.length) return false;
  for (let i = 0; i < key.length; i++) if ((text.charCodeAt(start + i) | 32) !== key.charCodeAt(i)) return false;
  return true;
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
