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
