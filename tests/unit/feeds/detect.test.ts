import { describe, expect, it } from 'vitest';
import { detectFeed, type DetectedFeed, type DetectOptions } from '../../../lib/feeds/detect';
import { FeedError } from '../../../lib/feeds/errors';
import { fixtureText } from './json-fixtures';

const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261201T180000Z\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';

function kindOf(body: string, options?: DetectOptions): DetectedFeed['kind'] {
  return detectFeed(body, options).kind;
}

function thrownBy(body: string, options?: DetectOptions): FeedError {
  try {
    detectFeed(body, options);
  } catch (error) {
    if (error instanceof FeedError) return error;
    throw error;
  }
  throw new Error('no error');
}

function errorOf(body: string, options?: DetectOptions): [string, string] {
  const error = thrownBy(body, options);
  return [error.code, error.message];
}

const foundOf = (body: string, options?: DetectOptions) => thrownBy(body, options).found;

describe('detectFeed: feeds', () => {
  it.each([
    ['iCal', ICS, 'ical'],
    ['iCal with a BOM', `\ufeff${ICS}`, 'ical'],
    ['iCal after blank lines', `\r\n\r\n   \n${ICS}`, 'ical'],
    ['iCal in lower case', ICS.toLowerCase(), 'ical'],
    ['jCal', fixtureText('json/jcal.json'), 'jcal'],
    ['JSON-LD @graph object', fixtureText('json/jsonld-graph.json'), 'jsonld'],
    ['JSON-LD array (CaenCamp API)', fixtureText('json/caencamp-api.json'), 'jsonld'],
    ['JSON-LD ItemList', fixtureText('json/jsonld-itemlist.json'), 'jsonld'],
    ['JSON-LD empty ItemList', '{"@context":"https://schema.org","@type":"ItemList","itemListElement":[]}', 'jsonld'],
    ['Gancio API', fixtureText('json/gancio-events.json'), 'gancio'],
    ['CaenCamp content list', fixtureText('json/caencamp-content.json'), 'caencamp'],
    ['generic {data:{events}}', fixtureText('json/generic-nested.json'), 'json'],
    ['generic {events: []}', '{"events": []}', 'json'],
    ['an empty array (a Gancio instance with nothing planned)', '[]', 'json'],
    ['HTML with JSON-LD', fixtureText('html/meetup-page.html'), 'html'],
    ['HTML without events', fixtureText('html/no-events.html'), 'html'],
    ['XHTML', '<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head></head></html>', 'html'],
    ['HTML after a PHP notice', 'Notice: undefined index\n<!DOCTYPE html><html><body></body></html>', 'html'],
  ])('%s → %s', (_name, body, kind) => {
    expect(kindOf(body)).toBe(kind);
  });

  it('reads a calendar that a server prefixed with a notice, and says so', () => {
    const detected = detectFeed(`Warning: session_start() failed\n${ICS}`);
    expect(detected).toMatchObject({ kind: 'ical', warnings: ['Ignored text before BEGIN:VCALENDAR ("Warning: session_start() failed")'] });
    expect(detected.kind === 'ical' && detected.text.startsWith('BEGIN:VCALENDAR')).toBe(true);
  });

  it('decides from the content, not the Content-Type', () => {
    expect(kindOf(ICS, { contentType: 'text/html; charset=utf-8' })).toBe('ical');
    expect(kindOf(fixtureText('json/gancio-events.json'), { contentType: 'text/plain' })).toBe('gancio');
  });

  it('a forced format wins over detection', () => {
    expect(kindOf('{"@type":"Event"}', { format: 'html' })).toBe('html');
    expect(kindOf(fixtureText('json/jcal.json'), { format: 'ical' })).toBe('jcal');
    expect(errorOf(ICS, { format: 'json' })).toEqual(['notAFeed', 'Not JSON (starts with "BEGIN:VCALENDAR")']);
    expect(foundOf(ICS, { format: 'json' })).toEqual({ kind: 'notJson', detail: '"BEGIN:VCALENDAR"' });
  });
});

describe('detectFeed: what is no feed says what it is', () => {
  it.each([
    ['empty', '', 'empty', 'Empty response', undefined],
    ['whitespace', ' \r\n\t\n', 'empty', 'Empty response', undefined],
    ['only a BOM', '\ufeff', 'empty', 'Empty response', undefined],
    ['RSS', '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Blog</title></channel></rss>', 'notAFeed', 'This is an RSS feed: an Atom/RSS feed has no event dates', { kind: 'rss' }],
    ['RSS 1.0', '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', 'notAFeed', 'This is an RSS feed: an Atom/RSS feed has no event dates', { kind: 'rss' }],
    ['Atom (Mobilizon)', '<?xml version="1.0" encoding="utf-8"?>\n<!-- generator -->\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Group</title></feed>', 'notAFeed', 'This is an Atom feed: an Atom/RSS feed has no event dates', { kind: 'atom' }],
    ['xCal', '<?xml version="1.0"?><icalendar xmlns="urn:ietf:params:xml:ns:icalendar-2.0"></icalendar>', 'notAFeed', 'This is xCal (XML iCalendar), which is not supported: use the iCal (.ics) address', { kind: 'xcal' }],
    ['other XML', '<?xml version="1.0"?><sitemapindex></sitemapindex>', 'notAFeed', 'This is an XML document (<sitemapindex>), not an event feed', { kind: 'xml', detail: '<sitemapindex>' }],
    ['plain text', 'Hello, this is not a calendar.\nSecond line', 'notAFeed', 'This is plain text, not a feed (starts with "Hello, this is not a calendar.")', { kind: 'text', detail: '"Hello, this is not a calendar."' }],
    ['binary garbage', '\u0000\u0001\u0002\u0003GIF89a', 'notAFeed', 'This is binary data, not a feed', { kind: 'binary' }],
    ['a PDF', '%PDF-1.7\n%âãÏÓ', 'notAFeed', 'This is a PDF document, not a feed', { kind: 'pdf' }],
    ['gzip bytes read as text', '\u001f\ufffd\b\u0000\u0000', 'notAFeed', 'This is compressed (gzip) data, not a feed', { kind: 'gzip' }],
    ['control characters', '\u0001\u0002\u0003\u0004\u0005\u0006abc', 'notAFeed', 'This is binary data, not a feed', { kind: 'binary' }],
    ['an API error object', '{"error":"Not found","status":404}', 'notAFeed', 'JSON without events (found an object with keys error, status)', { kind: 'json', detail: '{ error, status }' }],
    ['many keys', '{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7}', 'notAFeed', 'JSON without events (found an object with keys a, b, c, d, e, f…)', { kind: 'json', detail: '{ a, b, c, d, e, f… }' }],
    ['an array of numbers', '[1, 2, 3]', 'notAFeed', 'JSON without events (found an array of 3 numbers)', { kind: 'json' }],
    ['objects without dates', '[{"name":"x"}]', 'notAFeed', 'JSON without events (found an array of 1 object with keys name)', { kind: 'json', detail: '[{ name }]' }],
    ['a JSON string', '"hello"', 'notAFeed', 'JSON without events (found a string)', { kind: 'json' }],
    ['JSON-LD without events', '{"@context":"https://schema.org","@type":"Organization","name":"X"}', 'notAFeed', 'JSON-LD without events (found Organization)', { kind: 'jsonLd', detail: 'Organization' }],
    ['broken JSON', '{"events": [', 'malformed', expect.stringMatching(/^Broken JSON: /), { kind: 'brokenJson' }],
  ])('%s', (_name, body, code, message, found) => {
    const options: DetectOptions = _name === 'a JSON string' ? { format: 'json' } : {};
    expect(errorOf(body, options)).toEqual([code, message]);
    // What the pages name in the user's language: a kind, and a detail in the body's own words.
    expect(foundOf(body, options)).toEqual(found);
  });

  it('plain text mentions the Content-Type it was served as', () => {
    expect(errorOf('Service unavailable', { contentType: 'text/calendar; charset=utf-8' })[1]).toBe(
      'This is plain text, not a feed, served as text/calendar (starts with "Service unavailable")',
    );
  });

  it.each([
    ['arrays', '['.repeat(100_000)],
    ['objects', '{"a":'.repeat(10_000)],
    ['mixed, closed', `${'[{"a":'.repeat(40)}1${'}]'.repeat(40)}`],
  ])('huge nesting (%s) is refused before parsing', (_name, body) => {
    expect(errorOf(body)).toEqual(['tooDeep', 'Too deeply nested JSON (more than 64 levels)']);
  });

  it('brackets inside strings do not count as nesting', () => {
    expect(kindOf(`{"events": [{"title": "${'['.repeat(500)}", "start": "2026-12-01T18:00:00Z"}]}`)).toBe('json');
  });
});
