import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../lib/feeds/errors';
import { parseFeed, type ParseFeedOptions } from '../../../lib/feeds/index';
import { systemTimeZone } from '../../../lib/time';
import { fixtureText, NOW } from './json-fixtures';

const options: ParseFeedOptions = { feedId: 'f', defaultTimeZone: 'Europe/Paris', now: NOW };

function errorOf(body: string, extra: Partial<ParseFeedOptions> = {}): [string, string] {
  try {
    parseFeed(body, { ...options, ...extra });
  } catch (error) {
    if (error instanceof FeedError) return [error.code, error.message];
    throw error;
  }
  throw new Error('no error');
}

const ICS = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'X-WR-CALNAME:Test calendar',
  'BEGIN:VEVENT', 'UID:ics-1@example.org', 'DTSTAMP:20261101T000000Z', 'DTSTART:20261201T180000Z', 'DTEND:20261201T200000Z', 'SUMMARY:iCal meetup', 'END:VEVENT',
  'END:VCALENDAR', '',
].join('\r\n');

describe('parseFeed: one pipeline for every format', () => {
  it.each([
    ['json/jsonld-graph.json', 'jsonld', ['Apéro dev de décembre', "Hack'n'Lyon 2026"]],
    // The June picnic is outside the default window (now − 1 day … now + 180 days).
    ['json/jsonld-itemlist.json', 'jsonld', ['Paris JS #120', 'Paris JS #121']],
    ['json/caencamp-api.json', 'jsonld', ['CaenCamp #74 : Les Web Components en 2026', 'CaenCamp #75 : Atelier Rust (en ligne)', 'CaenCamp #76 : annulé']],
    ['json/gancio-events.json', 'gancio', ['Install party GNU/Linux', 'Atelier vie privée en ligne', 'Festival des communs']],
    // Edition 74 is in March 2026 (past); 75 and 76 are unpublished.
    ['json/caencamp-content.json', 'caencamp', ['Le TDD expliqué aux managers']],
    ['json/generic-nested.json', 'json', ['Python Rennes — décembre', 'Google-style event', 'Kotlin User Group', 'DevOps Day']],
    ['json/jcal.json', 'jcal', ['jCal meetup']],
    // The page lists "Rust & Coffee" twice (its own block and an ItemList): one event.
    ['html/meetup-page.html', 'html', ['Rust & Coffee', 'JS Night']],
  ])('%s is read as %s, windowed, deduplicated and sorted', (path, format, titles) => {
    const result = parseFeed(fixtureText(path), options);
    expect(result.format).toBe(format);
    expect(result.events.map((e) => e.title)).toEqual(titles);
    const starts = result.events.map((e) => (e.allDay ? `${e.start}T00:00:00Z` : e.start));
    expect([...starts].sort()).toEqual(starts);
  });

  it('dispatches iCal text to the iCal reader', () => {
    const result = parseFeed(`\ufeff\r\n${ICS}`, options);
    expect(result.format).toBe('ical');
    expect(result.title).toBe('Test calendar');
    expect(result.events.map((e) => [e.uid, e.start, e.end])).toEqual([['ics-1@example.org', '2026-12-01T18:00:00Z', '2026-12-01T20:00:00Z']]);
  });

  it('keeps warnings from detection and from the reader', () => {
    const result = parseFeed(`PHP Notice: x\n${ICS}`, options);
    expect(result.warnings[0]).toBe('Ignored text before BEGIN:VCALENDAR ("PHP Notice: x")');
    expect(result.events).toHaveLength(1);
  });

  it('a broken event is skipped with a warning, the rest survives', () => {
    const body = JSON.stringify({ events: [
      { title: 'Good', start: '2026-12-01T18:00:00Z' },
      { title: 'Bad date', start: '2026-13-45' },
      'not an object',
      { title: 'Also good', start: '2026-12-02T18:00:00Z' },
    ] });
    const result = parseFeed(body, options);
    expect(result.events.map((e) => e.title)).toEqual(['Good', 'Also good']);
    expect(result.warnings).toEqual(['Skipped event 2 ("Bad date"): unreadable start date "2026-13-45"', 'Skipped event 3: not an object']);
  });

  it('honours an explicit window', () => {
    const result = parseFeed(fixtureText('json/generic-nested.json'), {
      ...options, from: Date.parse('2026-12-05T00:00:00Z'), to: Date.parse('2026-12-09T00:00:00Z'),
    });
    expect(result.events.map((e) => e.title)).toEqual(['Google-style event', 'Kotlin User Group']);
  });

  it('keeps an event that started before the window but is still running', () => {
    const body = JSON.stringify([{ title: 'Long', start: '2026-11-01T09:00:00Z', end: '2026-11-30T18:00:00Z' }]);
    expect(parseFeed(body, options).events).toHaveLength(1);
  });

  it('ids are stable across reads', () => {
    const a = parseFeed(fixtureText('json/gancio-events.json'), { ...options, baseUrl: 'https://agenda.example.org/api/events' });
    const b = parseFeed(fixtureText('json/gancio-events.json'), { ...options, baseUrl: 'https://agenda.example.org/api/events' });
    expect(a.events.map((e) => e.id)).toEqual(b.events.map((e) => e.id));
    expect(a.events[0]!.id).toBe('f|412@agenda.example.org|2026-11-26T17:00:00Z');
  });

  it('without a feed zone, floating times use the system zone', () => {
    const body = JSON.stringify([{ title: 'Floating', start: '2026-12-01 18:00' }]);
    expect(parseFeed(body, { feedId: 'f', now: NOW }).events[0]!.timeZone).toBe(systemTimeZone());
  });

  it('the same floating feed gives the same instants whatever the machine zone (feed zone set)', () => {
    const body = JSON.stringify([{ title: 'Floating', start: '2026-12-01 18:00' }]);
    expect(parseFeed(body, options).events[0]!.start).toBe('2026-12-01T17:00:00Z');
  });
});

describe('parseFeed: errors say what was found', () => {
  it.each([
    ['', 'empty', 'Empty response'],
    [fixtureText('html/no-events.html'), 'notAFeed', expect.stringMatching(/^This is an HTML page with no events in it \("Rennes Tech — À propos"/)],
    ['<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>', 'notAFeed', 'This is an HTML page with no events in it ("502 Bad Gateway")'],
    ['<rss version="2.0"></rss>', 'notAFeed', 'This is an RSS feed: an Atom/RSS feed has no event dates'],
    ['{"a":1,"b":[],"c":null}', 'notAFeed', 'JSON without events (found an object with keys a, b, c)'],
    ['['.repeat(1000), 'tooDeep', 'Too deeply nested JSON (more than 64 levels)'],
  ])('%#: %s', (body, code, message) => {
    expect(errorOf(body)).toEqual([code, message]);
  });

  it('refuses text over the size limit', () => {
    expect(errorOf('x'.repeat(2048), { limitBytes: 1024 })).toEqual(['tooLarge', 'Feed is larger than 1 KB']);
  });

  it('a forced format is used even against the content', () => {
    expect(errorOf(fixtureText('json/gancio-events.json'), { format: 'html' })[1]).toBe('This is an HTML page with no events in it');
  });
});
