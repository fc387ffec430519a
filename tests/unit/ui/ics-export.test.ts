import { describe, expect, it } from 'vitest';
import {
  escapeIcsText,
  eventToIcs,
  foldIcsLine,
  googleCalendarUrl,
  icsFileName,
  openStreetMapUrl,
} from '../../../lib/ics-export';
import { makeEvent } from './helpers';

const NOW = Date.parse('2026-11-20T08:00:00Z');
const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Unfolds (RFC 5545 §3.1) and splits into content lines. */
function contentLines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
}

describe('escapeIcsText', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b; c', 'a\\, b\\; c'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines\r\nand\rmore', 'two\\nlines\\nand\\nmore'],
    ['C:\\path;x,y', 'C:\\\\path\\;x\\,y'],
  ])('%j → %j', (input, expected) => {
    expect(escapeIcsText(input)).toBe(expected);
  });
});

describe('foldIcsLine', () => {
  it('leaves short lines alone', () => {
    expect(foldIcsLine('SUMMARY:short')).toBe('SUMMARY:short');
  });
  it.each([
    ['ascii', `DESCRIPTION:${'x'.repeat(200)}`],
    ['accents', `DESCRIPTION:${'é'.repeat(120)}`],
    ['emoji', `SUMMARY:${'🎉'.repeat(50)}`],
    ['mixed', `LOCATION:${'Café «Œuvre» 東京 '.repeat(12)}`],
  ])('folds %s at 75 octets without splitting characters', (_, line) => {
    const folded = foldIcsLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(utf8Length(part)).toBeLessThanOrEqual(75);
      expect(part).not.toMatch(/\uFFFD/);
    }
    parts.slice(1).forEach((part) => expect(part.startsWith(' ')).toBe(true));
    expect(parts.map((part, index) => (index ? part.slice(1) : part)).join('')).toBe(line);
  });
});

describe('eventToIcs', () => {
  it('writes a timed event in UTC with escaped text', () => {
    const event = makeEvent({
      id: 'feed-a|uid-1@example.org|2026-11-24T17:30:00Z',
      title: 'Rust, WebAssembly; and you',
      start: '2026-11-24T17:30:00Z',
      end: '2026-11-24T20:00:00Z',
      location: 'La Cantine, 12 rue de la Paix',
      description: 'Line one\nLine two',
      url: 'https://example.org/e/1',
    });
    const ics = eventToIcs(event, { now: NOW });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').every((line) => utf8Length(line) <= 75)).toBe(true);
    const lines = contentLines(ics);
    expect(lines).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Local Meetups//Local Meetups//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:feed-a|uid-1@example.org|2026-11-24T17:30:00Z',
      'DTSTAMP:20261120T080000Z',
      'DTSTART:20261124T173000Z',
      'DTEND:20261124T200000Z',
      'SUMMARY:Rust\\, WebAssembly\\; and you',
      'LOCATION:La Cantine\\, 12 rue de la Paix',
      'DESCRIPTION:Line one\\nLine two\\n\\nhttps://example.org/e/1',
      'URL:https://example.org/e/1',
      'STATUS:CONFIRMED',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
  });

  it.each([
    ['2026-11-28', '2026-11-29', 'DTSTART;VALUE=DATE:20261128', 'DTEND;VALUE=DATE:20261129'],
    ['2026-11-28', null, 'DTSTART;VALUE=DATE:20261128', 'DTEND;VALUE=DATE:20261129'],
    ['2026-12-31', '2027-01-03', 'DTSTART;VALUE=DATE:20261231', 'DTEND;VALUE=DATE:20270103'],
  ])('writes all-day %s–%s as plain dates', (start, end, dtstart, dtend) => {
    const lines = contentLines(eventToIcs(makeEvent({ id: 'd', allDay: true, start, end }), { now: NOW }));
    expect(lines).toContain(dtstart);
    expect(lines).toContain(dtend);
    expect(lines.some((line) => /^DTSTART:.*Z$/.test(line))).toBe(false);
  });

  it('marks cancelled events, adds GEO from the feed coordinates, omits a bad URL', () => {
    const event = makeEvent({
      id: 'c',
      status: 'cancelled',
      url: 'javascript:alert(1)',
      place: { name: 'Hall', street: null, postalCode: null, locality: 'Nantes', region: null, country: 'FR', lat: 47.2184, lon: -1.5536 },
    });
    const lines = contentLines(eventToIcs(event, { now: NOW }));
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('GEO:47.218400;-1.553600');
    expect(lines.some((line) => line.startsWith('URL:'))).toBe(false);
    expect(lines.join('\n')).not.toContain('javascript:');
  });

  it('omits DTEND for an event without a (valid) end', () => {
    const lines = contentLines(eventToIcs(makeEvent({ id: 'n', end: null }), { now: NOW }));
    expect(lines.some((line) => line.startsWith('DTEND'))).toBe(false);
  });
});

describe('googleCalendarUrl', () => {
  it('builds a template link with UTC times and the zone', () => {
    const url = new URL(googleCalendarUrl(makeEvent({ id: 'g', title: 'Café & code', timeZone: 'Europe/Paris' })));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe('Café & code');
    expect(url.searchParams.get('dates')).toBe('20261124T183000Z/20261124T210000Z');
    expect(url.searchParams.get('ctz')).toBe('Europe/Paris');
    expect(url.searchParams.get('location')).toBe('La Cantine, 12 rue de la Paix, 44000 Nantes');
  });
  it.each([
    [{ allDay: true, start: '2026-11-28', end: '2026-11-30' }, '20261128/20261130'],
    [{ end: null }, '20261124T183000Z/20261124T193000Z'],
  ])('dates for %j', (overrides, dates) => {
    const url = new URL(googleCalendarUrl(makeEvent({ id: 'g', ...overrides })));
    expect(url.searchParams.get('dates')).toBe(dates);
  });
  it('keeps long descriptions short and the event link at the end', () => {
    const url = new URL(googleCalendarUrl(makeEvent({ id: 'g', description: 'word '.repeat(2000) })));
    const details = url.searchParams.get('details') ?? '';
    expect(details.length).toBeLessThanOrEqual(1500);
    expect(details.endsWith('https://example.org/events/1')).toBe(true);
  });
});

describe('openStreetMapUrl and icsFileName', () => {
  it.each([
    [{ place: { name: null, street: null, postalCode: null, locality: null, region: null, country: null, lat: 47.2, lon: -1.55 } }, 'https://www.openstreetmap.org/?mlat=47.20000&mlon=-1.55000#map=17/47.20000/-1.55000'],
    [{ location: 'La Cantine, Nantes' }, 'https://www.openstreetmap.org/search?query=La%20Cantine%2C%20Nantes'],
    [{ location: null, online: true }, null],
  ])('%j', (overrides, expected) => {
    expect(openStreetMapUrl(makeEvent({ id: 'm', ...overrides }))).toBe(expected);
  });
  it.each([
    ['Café « Rust » #12', 'cafe-rust-12.ics'],
    ['日本語', 'event.ics'],
  ])('%s → %s', (title, expected) => {
    expect(icsFileName(makeEvent({ id: 'f', title }))).toBe(expected);
  });
});
