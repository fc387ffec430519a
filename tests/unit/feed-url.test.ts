import { describe, expect, it } from 'vitest';
import { FeedError } from '../../lib/feeds/errors';
import { feedOrigin, normalizeFeedUrl, parseFeedUrl, toFetchUrl } from '../../lib/feed-url';
import { sameFeed } from '../../lib/stored-feed-url';
import { feedHostName } from '../../lib/host-name';
import { sitePattern } from '../../lib/permissions';

describe('normalizeFeedUrl: what the user typed → the stored URL', () => {
  it.each([
    ['  https://www.meetup.com/nantes-js/events/ical/ ', 'https://www.meetup.com/nantes-js/events/ical/', 'https://www.meetup.com'],
    ['webcal://calendar.example.org/feed.ics', 'webcal://calendar.example.org/feed.ics', 'https://calendar.example.org'],
    ['WEBCALS://example.org/a.ics', 'webcals://example.org/a.ics', 'https://example.org'],
    ['mobilizon.fr/@nantes/feed/ics', 'https://mobilizon.fr/@nantes/feed/ics', 'https://mobilizon.fr'],
    ['  example.org/events  ', 'https://example.org/events', 'https://example.org'],
    ['https://gancio.example/feed/ics#top', 'https://gancio.example/feed/ics', 'https://gancio.example'],
    ['http://127.0.0.1:8080/feed.json', 'http://127.0.0.1:8080/feed.json', 'http://127.0.0.1:8080'],
    ['https://example.org/cal.ics', 'https://example.org/cal.ics', 'https://example.org'],
  ])('%j → %j (origin %j)', (input, stored, origin) => {
    expect(normalizeFeedUrl(input)).toBe(stored);
    expect(parseFeedUrl(input)).toBe(stored);
    expect(feedOrigin(stored)).toBe(origin);
    // The permission pattern never carries the port (see lib/permissions.ts).
    expect(sitePattern(stored)).toBe(`${origin.replace(/:\d+$/, '')}/*`);
    // Idempotent: the background normalizes again what the options page already normalized.
    expect(normalizeFeedUrl(stored)).toBe(stored);
  });

  it.each(['javascript:alert(1)', 'ftp://example.org/feed.ics', 'file:///etc/passwd', 'http://', '', '   '])('refuses %j', (input) => {
    expect(() => normalizeFeedUrl(input)).toThrow(FeedError);
    expect(parseFeedUrl(input)).toBeNull();
    expect(feedOrigin(input)).toBeNull();
  });
});

describe('toFetchUrl: stored URL → the URL fetched', () => {
  it.each([
    ['webcal://www.meetup.com/group/events/ical/', 'https://www.meetup.com/group/events/ical/'],
    ['WEBCAL://example.org/a.ics', 'https://example.org/a.ics'],
    ['webcals://example.org/a.ics', 'https://example.org/a.ics'],
    ['  https://example.org/feed  ', 'https://example.org/feed'],
    ['http://127.0.0.1:8080/x.ics', 'http://127.0.0.1:8080/x.ics'],
  ])('%s → %s', (input, expected) => {
    expect(toFetchUrl(input)).toBe(expected);
  });

  it.each([['ftp://example.org/a.ics'], ['file:///etc/passwd'], ['javascript:alert(1)'], ['data:text/calendar,BEGIN'], ['not a url']])('%s is refused', (input) => {
    let error: unknown;
    try {
      toFetchUrl(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe('unsupportedUrl');
  });
});

describe('feedHostName', () => {
  it.each([
    ['https://www.meetup.com/nantes-js/events/ical/', 'meetup.com'],
    ['webcal://calendar.example.org/feed.ics', 'calendar.example.org'],
    ['http://127.0.0.1:8080/feed.json', '127.0.0.1:8080'],
  ])('names %s after its host: %s', (url, name) => {
    expect(feedHostName(url)).toBe(name);
  });
});

describe('sameFeed: whether two addresses name one feed', () => {
  it.each([
    ['https://www.meetup.com/CaenCamp/events/ical/', 'https://www.meetup.com/caencamp/events/ical/', true],
    ['webcal://www.meetup.com/CaenCamp/events/ical/', 'https://WWW.meetup.com/caencamp/events/ical/', true],
    ['https://meetup.com/CaenCamp/events/ical/', 'https://www.meetup.com/caencamp/events/ical/', true],
    ['http://www.meetup.com/caencamp/events/ical/', 'webcal://meetup.com/caencamp/events/ical/', true],
    ['https://www.meetup.com/caencamp/events/ical/', 'https://www.meetup.com/caen-camp/events/ical/', false],
    ['webcals://example.org/a.ics', ' https://example.org/a.ics#top', true],
    ['example.org/a.ics', 'https://example.org/a.ics', true],
    // Only Meetup's group slug ignores case: other paths and queries are the server's business.
    ['https://example.org/A.ics', 'https://example.org/a.ics', false],
    ['https://www.meetup.com/caencamp/events/ical/?x=A', 'https://www.meetup.com/caencamp/events/ical/?x=a', false],
    ['http://example.org/a.ics', 'https://example.org/a.ics', false],
    ['not a url', 'not a url', true],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameFeed(a, b)).toBe(same);
    expect(sameFeed(b, a)).toBe(same);
  });
});
