/**
 * Which reader a body needs, decided from its content (servers send calendars as text/plain, JSON as
 * text/html…); the Content-Type only colours the error message. A body that is no feed gets a short
 * FeedError saying what it is instead.
 */
import { FeedError, type FeedFound } from './errors';
import { isCaenCampList } from './caencamp';
import { isGancioList } from './gancio';
import { isObject, parseJsonText } from './json-common';
import { looksLikeJsonLd, scanJsonLd } from './json-ld';
import { findEventList, type FoundList } from './json-list';

export type FormatChoice = 'auto' | 'ical' | 'json' | 'html';

export type DetectedFeed =
  | { kind: 'ical'; text: string; warnings: string[] }
  | { kind: 'jcal'; data: unknown[] }
  | { kind: 'jsonld'; data: unknown }
  | { kind: 'gancio'; data: unknown[] }
  | { kind: 'caencamp'; data: unknown[] }
  | { kind: 'json'; list: FoundList }
  | { kind: 'html'; text: string };

export interface DetectOptions {
  format?: FormatChoice;
  contentType?: string | null;
}

const VCALENDAR = /^BEGIN:VCALENDAR\b/i;

function quoteStart(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0]!.replace(/\s+/g, ' ').trim();
  return firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
}

type BinaryKind = Extract<FeedFound['kind'], 'pdf' | 'gzip' | 'zip' | 'binary'>;
const BINARY_WORDS: Record<BinaryKind, string> = {
  pdf: 'a PDF document',
  gzip: 'compressed (gzip) data',
  zip: 'a ZIP archive',
  binary: 'binary data',
};

/** NUL bytes or many control characters early on: an image, an archive, a compressed body. */
function binaryKind(text: string): BinaryKind | null {
  const head = text.slice(0, 1024);
  if (head.startsWith('%PDF')) return 'pdf';
  if (/^\u001f(?:\u008b|\ufffd|‹)/.test(head)) return 'gzip';
  if (head.startsWith('PK\u0003\u0004')) return 'zip';
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return 'binary';
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return head.length > 0 && control / head.length > 0.1 ? 'binary' : null;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "an object with keys a, b, c", "an array of 3 numbers": what a JSON body holds instead of events. */
export function describeJson(data: unknown): string {
  if (Array.isArray(data)) {
    if (data.length === 0) return 'an empty array';
    const firstItem = data[0];
    if (isObject(firstItem)) return `an array of ${plural(data.length, 'object')} with keys ${keyList(firstItem)}`;
    const type = Array.isArray(firstItem) ? 'array' : firstItem === null ? 'null' : typeof firstItem;
    return `an array of ${plural(data.length, type)}`;
  }
  if (isObject(data)) return Object.keys(data).length ? `an object with keys ${keyList(data)}` : 'an empty object';
  if (data === null) return 'null';
  return typeof data === 'string' ? 'a string' : typeof data === 'number' ? 'a number' : String(data);
}

/** A JSON body's shape in JSON's own notation, for any language: `{ a, b }`, `[{ a, b }, …]`, `[]`; else none. */
function jsonShape(data: unknown): string | undefined {
  if (Array.isArray(data)) {
    if (data.length === 0) return '[]';
    return isObject(data[0]) ? `[{ ${keyList(data[0])} }${data.length > 1 ? ', …' : ''}]` : undefined;
  }
  if (isObject(data)) return Object.keys(data).length ? `{ ${keyList(data)} }` : '{}';
  return undefined;
}

function keyList(obj: Record<string, unknown>): string {
  const keys = Object.keys(obj);
  const shown = keys.slice(0, 6).map((k) => (k.length > 24 ? `${k.slice(0, 23)}…` : k));
  return keys.length > 6 ? `${shown.join(', ')}…` : shown.join(', ');
}

/** Sorts parsed JSON into the reader it needs. */
export function classifyJson(data: unknown): DetectedFeed {
  if (Array.isArray(data) && typeof data[0] === 'string' && data[0].toLowerCase() === 'vcalendar') {
    return { kind: 'jcal', data };
  }
  if (looksLikeJsonLd(data)) {
    const scan = scanJsonLd(data);
    if (scan.events.length > 0 || scan.otherTypes.includes('ItemList') || scan.otherTypes.includes('EventSeries')) {
      return { kind: 'jsonld', data };
    }
    const types = scan.otherTypes.slice(0, 4).join(', ');
    throw new FeedError('notAFeed', `JSON-LD without events${types ? ` (found ${types})` : ''}`, { kind: 'jsonLd', detail: types || undefined });
  }
  if (isGancioList(data)) return { kind: 'gancio', data };
  if (isCaenCampList(data)) return { kind: 'caencamp', data };
  const list = findEventList(data);
  if (list) return { kind: 'json', list };
  throw new FeedError('notAFeed', `JSON without events (found ${describeJson(data)})`, { kind: 'json', detail: jsonShape(data) });
}

/** The name of an XML document's root element, skipping the prolog, comments and doctype. */
function xmlRoot(text: string): string | null {
  const m = /<([A-Za-z][\w:.-]*)/.exec(text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>/g, ''));
  return m ? m[1]!.toLowerCase() : null;
}

function classifyMarkup(text: string, contentType: string | null | undefined): DetectedFeed {
  const root = xmlRoot(text.slice(0, 4096));
  const isXml = text.startsWith('<?xml') || /xml/i.test(contentType ?? '');
  if (root === 'rss' || root === 'rdf:rdf') {
    throw new FeedError('notAFeed', 'This is an RSS feed: an Atom/RSS feed has no event dates', { kind: 'rss' });
  }
  if (root === 'feed' && (isXml || /<feed[^>]+xmlns=["']http:\/\/www\.w3\.org\/2005\/Atom/i.test(text))) {
    throw new FeedError('notAFeed', 'This is an Atom feed: an Atom/RSS feed has no event dates', { kind: 'atom' });
  }
  if (root === 'icalendar' || root === 'xcal:icalendar') {
    throw new FeedError('notAFeed', 'This is xCal (XML iCalendar), which is not supported: use the iCal (.ics) address', { kind: 'xcal' });
  }
  if (isXml && root !== 'html' && !/html/i.test(contentType ?? '')) {
    const element = root ? `<${root}>` : undefined;
    throw new FeedError('notAFeed', `This is an XML document${element ? ` (${element})` : ''}, not an event feed`, { kind: 'xml', detail: element });
  }
  return { kind: 'html', text };
}

/** Which reader to use; throws a FeedError that says what was found when the body is no feed. */
export function detectFeed(body: string, options: DetectOptions = {}): DetectedFeed {
  const text = body.replace(/^\ufeff/, '').replace(/^\s+/, '');
  const format = options.format ?? 'auto';
  if (!text) throw new FeedError('empty', 'Empty response');

  if (format === 'ical') {
    if (text.startsWith('[')) {
      const data = parseJsonText(text);
      if (Array.isArray(data)) return { kind: 'jcal', data };
    }
    return { kind: 'ical', text, warnings: [] };
  }
  if (format === 'html') return { kind: 'html', text };
  if (format === 'json' || text.startsWith('{') || text.startsWith('[')) {
    if (format === 'json' && !/^[[{"\d-]|^(?:true|false|null)\b/.test(text)) {
      throw new FeedError('notAFeed', `Not JSON (starts with "${quoteStart(text)}")`, { kind: 'notJson', detail: `"${quoteStart(text)}"` });
    }
    return classifyJson(parseJsonText(text));
  }

  if (VCALENDAR.test(text)) return { kind: 'ical', text, warnings: [] };
  const binary = binaryKind(text);
  if (binary) throw new FeedError('notAFeed', `This is ${BINARY_WORDS[binary]}, not a feed`, { kind: binary });

  // Some servers print a notice before the calendar; read from BEGIN:VCALENDAR on.
  const head = text.slice(0, 65_536);
  const calendarAt = head.search(/^BEGIN:VCALENDAR\b/im);
  if (calendarAt > 0 && !head.slice(0, calendarAt).includes('<html')) {
    return { kind: 'ical', text: text.slice(calendarAt), warnings: [`Ignored text before BEGIN:VCALENDAR ("${quoteStart(text)}")`] };
  }
  if (text.startsWith('<')) return classifyMarkup(text, options.contentType);
  if (/<html[\s>]|<!doctype html/i.test(head)) return { kind: 'html', text };
  // Some CMS exports are bare VEVENTs: what `--format ical` reads, auto-detection must read too (the iCal reader
  // wraps them and says so).
  if (/^BEGIN:VEVENT\b/im.test(head)) return { kind: 'ical', text, warnings: [] };

  const served = options.contentType ? `, served as ${options.contentType.split(';')[0]!.trim()}` : '';
  throw new FeedError('notAFeed', `This is plain text, not a feed${served} (starts with "${quoteStart(text)}")`, {
    kind: 'text',
    detail: `"${quoteStart(text)}"`,
  });
}
