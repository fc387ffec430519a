import { describe, expect, it } from 'vitest';
import { eventId, safeHttpUrl } from '../../lib/events';

describe('safeHttpUrl', () => {
  it.each([
    ['https://www.meetup.com/caencamp/events/1/', 'https://www.meetup.com/caencamp/events/1/'],
    ['http://example.org', 'http://example.org/'],
    ['javascript:alert(1)', null],
    ['JaVaScRiPt:alert(1)', null],
    ['data:text/html,<b>x</b>', null],
    ['  ', null],
    ['not a url', null],
    [42, null],
  ])('%s → %s', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });

  it.each([
    'https://www.meetup.com/paris-rust-meetup/events/312345678/',
    'https://lu.ma/abc-123?tk=Xy_1&utm_source=ical#details',
    'http://example.org/a/b;c=d/e,f@g:h/~i!$\'()*+=%20',
    'https://a.b/?', 'https://a.b/#', 'https://a.b/x/./y', 'https://a.b/x/../y', 'https://a.b/x/%2e%2E/y', 'https://a.b/.well-known/x',
    'https://A.b/', 'HTTPS://a.b/', 'https://a.b', 'https://a.b:443/', 'https://a.b:8080/', 'https://u@a.b/', 'https://1.2.3.4/',
    'https://a.0x1f/', 'https://a.b./', 'https://xn--nxasmq6b.com/', 'https://xn--a.com/', 'https://a.xn--b/', 'https://-a.b/',
    'https://a.b/c d', 'https://a.b/c\\d', 'https://a.b/c"d', 'https://a.b/c`d', 'https://a.b/c{d}', 'https://a.b/c^d',
    'https://a.b/c|d', 'https://a.b/c[d]', 'https://a.b/?q=it\'s', 'https://a.b/caf\u00e9', 'https://a.b/c\td', 'https://a.b/c<d>',
  ])('%s: as new URL() writes it, with or without a base', (input) => {
    let expected: string | null;
    try {
      const url = new URL(input);
      expected = url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      expected = null;
    }
    expect(safeHttpUrl(input)).toBe(expected);
    expect(safeHttpUrl(input, 'https://feeds.example/calendar.ics')).toBe(expected);
    // new URL(link, base) throws on a base that does not parse, even for an absolute link.
    expect(safeHttpUrl(input, 'not a url')).toBe(null);
  });

  it('resolves relative links against the feed URL', () => {
    expect(safeHttpUrl('/events/1', 'https://gancio.example/feed/ics')).toBe('https://gancio.example/events/1');
  });
});

describe('eventId', () => {
  it('depends on feed, uid and occurrence start only', () => {
    expect(eventId('f', 'u@x', '2026-11-24T17:30:00Z')).toBe(eventId('f', 'u@x', '2026-11-24T17:30:00Z'));
    expect(eventId('f', 'u@x', '2026-11-24T17:30:00Z')).not.toBe(eventId('f', 'u@x', '2026-12-01T17:30:00Z'));
  });
});

