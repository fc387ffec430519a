/**
 * The jCal tree (RFC 7265) as ical.js's parser and jCal feeds give it, and the RawEvent every VEVENT is read into:
 * the properties the reader uses, still as written (times unparsed, rules unexpanded).
 */
import { lineText, type RawTime } from './values';

export type JProp = unknown[];
export type JComponent = unknown[];

export function isComponent(value: unknown): value is JComponent {
  return Array.isArray(value) && typeof value[0] === 'string' && Array.isArray(value[1]) && (value[2] === undefined || Array.isArray(value[2]));
}

export function calendarsOf(parsed: unknown): JComponent[] {
  if (!Array.isArray(parsed)) return [];
  if (typeof parsed[0] === 'string') return isComponent(parsed) && parsed[0].toLowerCase() === 'vcalendar' ? [parsed] : [];
  return parsed.filter((c): c is JComponent => isComponent(c) && String(c[0]).toLowerCase() === 'vcalendar');
}

/**
 * A VEVENT without its END line makes ical.js nest every later VEVENT inside it (a VEVENT may only hold VALARMs):
 * moves those out to `into`, at any depth, and returns how many events held some.
 */
export function hoistNestedEvents(event: JComponent, into: JComponent[]): number {
  const children = event[2] as unknown[] | undefined;
  if (!children?.some((c) => isComponent(c) && String(c[0]).toLowerCase() === 'vevent')) return 0;
  let count = 1;
  const kept: unknown[] = [];
  for (const child of children) {
    if (isComponent(child) && String(child[0]).toLowerCase() === 'vevent') {
      into.push(child);
      count += hoistNestedEvents(child, into);
    } else kept.push(child);
  }
  event[2] = kept;
  return count;
}

export interface RawEvent {
  uid: string | null;
  summary: string | null;
  description: string | null;
  altDescription: string | null;
  location: string | null;
  url: string | null;
  status: string | null;
  dtstart: RawTime | null;
  dtend: RawTime | null;
  duration: string | null;
  /** Usually one; RFC 2445 allowed several (Zimbra and old Outlook still write them): the union counts. */
  rrules: JProp[];
  rdates: JProp[];
  exdates: JProp[];
  recurrenceId: RawTime | null;
  thisAndFuture: boolean;
  geo: unknown;
  categories: string[];
  image: string | null;
  sequence: number;
}

export const str = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);

export function paramString(params: unknown, name: string): string | null {
  if (!params || typeof params !== 'object') return null;
  const value = (params as Record<string, unknown>)[name];
  if (Array.isArray(value)) return str(value[0]);
  return str(value);
}

function rawTime(prop: JProp): RawTime | null {
  const value = str(prop[3]);
  if (value === null) return null;
  return { value, type: String(prop[2] ?? ''), tzid: paramString(prop[1], 'tzid') };
}

export function readEvent(component: JComponent): RawEvent {
  const event: RawEvent = {
    uid: null, summary: null, description: null, altDescription: null, location: null, url: null,
    status: null, dtstart: null, dtend: null, duration: null, rrules: [], rdates: [], exdates: [],
    recurrenceId: null, thisAndFuture: false, geo: null, categories: [], image: null, sequence: 0,
  };
  const props = component[1] as unknown[];
  for (const prop of props) {
    if (!Array.isArray(prop) || typeof prop[0] !== 'string') continue;
    switch (prop[0].toLowerCase()) {
      case 'uid': event.uid = str(prop[3])?.trim() || null; break;
      case 'summary': event.summary = str(prop[3]); break;
      case 'description': event.description = str(prop[3]); break;
      case 'x-alt-desc': event.altDescription = str(prop[3]); break;
      case 'location': event.location = str(prop[3]); break;
      case 'url': event.url = str(prop[3]); break;
      case 'status': event.status = str(prop[3]); break;
      case 'dtstart': event.dtstart = rawTime(prop); break;
      case 'dtend': event.dtend = rawTime(prop); break;
      case 'duration': event.duration = str(prop[3]); break;
      case 'rrule': event.rrules.push(prop); break;
      case 'rdate': event.rdates.push(prop); break;
      case 'exdate': event.exdates.push(prop); break;
      case 'recurrence-id':
        event.recurrenceId = rawTime(prop);
        event.thisAndFuture = (paramString(prop[1], 'range') ?? '').toUpperCase() === 'THISANDFUTURE';
        break;
      case 'geo': event.geo = prop[3]; break;
      case 'categories':
        for (const value of prop.slice(3)) {
          for (const part of Array.isArray(value) ? value : [value]) {
            const text = lineText(str(part));
            if (text && !event.categories.includes(text)) event.categories.push(text);
          }
        }
        break;
      case 'sequence': event.sequence = Number(prop[3]) || 0; break;
      case 'image':
        event.image ??= str(prop[3]);
        break;
      case 'attach': {
        const type = paramString(prop[1], 'fmttype') ?? '';
        if (type.toLowerCase().startsWith('image/')) event.image ??= str(prop[3]);
        break;
      }
    }
  }
  return event;
}

/** Values of a multi-valued property (EXDATE/RDATE); periods stay [start, end] pairs. */
export function valuesOf(prop: JProp): unknown[] {
  return prop.slice(3).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
}
