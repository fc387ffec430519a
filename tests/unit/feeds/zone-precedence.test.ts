/**
 * Which zone floating times (and unknown TZIDs) are read in, for every reader and for the background:
 * the user's per-feed zone (explicit) > the zone the feed declares (X-WR-TIMEZONE, a JSON list's `timezone`)
 * > the user's city's zone > the system's. And which zone an event is *labelled* with: never the user's default
 * for a time that carries its own offset.
 */
import { describe, expect, it } from 'vitest';
import type { MeetupEvent } from '../../../lib/events';
import { readFeed, type SyncDeps } from '../../../lib/background/sync-feed';
import { parseFeed, type ParseFeedOptions } from '../../../lib/feeds/index';
import { parseJCal } from '../../../lib/feeds/ical';
import { formatEventTime } from '../../../lib/format';
import { defaultTimeZoneFor, feedZoneOptions } from '../../../lib/location/default-zone';
import { DEFAULT_SETTINGS, type FeedConfig, type Settings } from '../../../lib/settings';
import { systemTimeZone } from '../../../lib/time';
import { renderTemplate } from '../../fixtures/sample-feeds/render-template';
import { fixture, ms } from './ical-helpers';
import { fixtureJson, fixtureText } from './json-fixtures';

const NOW = ms('2026-11-20T12:00:00Z');
const CAEN = { geonameId: 3029241, name: 'Caen', region: 'Normandy', country: 'FR', lat: 49.18, lon: -0.37, timeZone: 'Europe/Paris' };
const window = { now: NOW, from: ms('2026-11-01'), to: ms('2027-12-31') };

type Row = [string, string | null, string | null, string | null];
const byStart = (a: Row, b: Row) => (a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : a[0].localeCompare(b[0]));
/** Rows sorted by start, then uid: the expected tables list the events in any order. */
const rows = (events: MeetupEvent[]): Row[] => events.map((e): Row => [e.uid, e.start, e.end, e.timeZone]).sort(byStart);
const sorted = (expected: Row[]): Row[] => [...expected].sort(byStart);

const google = fixture('google-floating.ics');
const undeclared = google.replace('X-WR-TIMEZONE:America/New_York\r\n', '');

const NEW_YORK: Row[] = [
  ['utc-time@google.com', '2026-12-15T17:00:00Z', '2026-12-15T19:00:00Z', 'America/New_York'],
  ['1a2b3c4d5e6f@google.com', '2026-12-11T00:00:00Z', '2026-12-11T02:00:00Z', 'America/New_York'],
  ['custom-zone@google.com', '2026-12-12T15:00:00Z', '2026-12-12T17:00:00Z', 'America/New_York'],
  ['holiday@google.com', '2026-12-24', '2026-12-25', null],
  // 18:30 in New York before and after the US moves its clocks (14 March 2027).
  ['weekly-study-group@google.com', '2027-03-04T23:30:00Z', '2027-03-05T01:30:00Z', 'America/New_York'],
  ['weekly-study-group@google.com', '2027-03-11T23:30:00Z', '2027-03-12T01:30:00Z', 'America/New_York'],
  ['weekly-study-group@google.com', '2027-03-18T22:30:00Z', '2027-03-19T00:30:00Z', 'America/New_York'],
];

const paris = (utcLabel: string | null): Row[] => [
  ['utc-time@google.com', '2026-12-15T17:00:00Z', '2026-12-15T19:00:00Z', utcLabel],
  ['1a2b3c4d5e6f@google.com', '2026-12-10T18:00:00Z', '2026-12-10T20:00:00Z', 'Europe/Paris'],
  ['custom-zone@google.com', '2026-12-12T09:00:00Z', '2026-12-12T11:00:00Z', 'Europe/Paris'],
  ['holiday@google.com', '2026-12-24', '2026-12-25', null],
  // Paris moves its clocks only on 28 March 2027.
  ['weekly-study-group@google.com', '2027-03-04T17:30:00Z', '2027-03-04T19:30:00Z', 'Europe/Paris'],
  ['weekly-study-group@google.com', '2027-03-11T17:30:00Z', '2027-03-11T19:30:00Z', 'Europe/Paris'],
  ['weekly-study-group@google.com', '2027-03-18T17:30:00Z', '2027-03-18T19:30:00Z', 'Europe/Paris'],
];

describe('iCal: a Google-Calendar-like feed with X-WR-TIMEZONE and floating times, read by a user in Caen', () => {
  it.each<[string, string, Partial<ParseFeedOptions>, Row[], string]>([
    ['the feed declares New York: New York times', google, { defaultTimeZone: 'Europe/Paris' }, NEW_YORK, 'America/New_York'],
    ['per-feed zone Europe/Paris: Paris times (UTC times keep the declared label)', google, { feedTimeZone: 'Europe/Paris', defaultTimeZone: 'Europe/Paris' }, paris('America/New_York'), 'Europe/Paris'],
    ['per-feed zone given by its Windows name', google, { feedTimeZone: 'Romance Standard Time', defaultTimeZone: 'Europe/Paris' }, paris('America/New_York'), 'Europe/Paris'],
    ['no declared zone: the city zone', undeclared, { defaultTimeZone: 'Europe/Paris' }, paris(null), 'Europe/Paris'],
    ['a city in New York, a per-feed Paris zone: Paris', undeclared, { feedTimeZone: 'Europe/Paris', defaultTimeZone: 'America/New_York' }, paris(null), 'Europe/Paris'],
  ])('%s', (_label, body, zones, expected, unknownZoneReadIn) => {
    const result = parseFeed(body, { feedId: 'g', ...window, ...zones });
    expect(result.title).toBe('NYC JavaScript');
    expect(rows(result.events)).toEqual(sorted(expected));
    expect(result.warnings).toContain(`Unknown time zone "Eastern Time (custom)": times read in ${unknownZoneReadIn}.`);
  });

  it('falls back to the system zone when neither the user nor the feed names one', () => {
    const [event] = parseFeed(undeclared, { feedId: 'g', ...window }).events.filter((e) => e.uid === '1a2b3c4d5e6f@google.com');
    expect(event!.timeZone).toBe(systemTimeZone());
  });
});

describe('jCal: x-wr-timezone is the feed zone too', () => {
  const jcal = (declared: boolean) => [
    'vcalendar',
    [['version', {}, 'text', '2.0'], ...(declared ? [['x-wr-timezone', {}, 'text', 'America/New_York']] : [])],
    [['vevent', [['uid', {}, 'text', 'j1'], ['dtstart', {}, 'date-time', '2026-12-10T19:00:00']], []]],
  ];
  it.each<[string, boolean, string | null, string, string]>([
    ['declared, user in Caen', true, null, '2026-12-11T00:00:00Z', 'America/New_York'],
    ['declared, per-feed Paris', true, 'Europe/Paris', '2026-12-10T18:00:00Z', 'Europe/Paris'],
    ['undeclared, user in Caen', false, null, '2026-12-10T18:00:00Z', 'Europe/Paris'],
  ])('%s', (_label, declared, feedTimeZone, start, zone) => {
    const [event] = parseJCal(jcal(declared), { feedId: 'j', ...window, feedTimeZone, defaultTimeZone: 'Europe/Paris' }).events;
    expect(event).toMatchObject({ start, timeZone: zone });
  });
});

describe("JSON list: the list's own `timeZone` (Google Calendar's API)", () => {
  const api = fixtureText('json/google-calendar-api.json');
  const withoutZone = JSON.stringify({ ...(fixtureJson('json/google-calendar-api.json') as object), timeZone: undefined });
  const OFFSET: Row = ['7g8h9i', '2026-12-11T23:00:00Z', '2026-12-12T03:00:00Z', 'America/New_York'];
  // The event's own zone wins over everything, like a TZID.
  const TOKYO: Row = ['tokyo1', '2026-12-12T10:00:00Z', '2026-12-12T11:00:00Z', 'Asia/Tokyo'];
  const HOLIDAY: Row = ['holiday1', '2026-12-24', '2026-12-25', null];

  it.each<[string, string, Partial<ParseFeedOptions>, Row[]]>([
    ['the list declares New York: New York times', api, { defaultTimeZone: 'Europe/Paris' }, [
      ['1a2b3c4d5e6f', '2026-12-11T00:00:00Z', '2026-12-11T02:00:00Z', 'America/New_York'], OFFSET, TOKYO, HOLIDAY,
    ]],
    ['per-feed zone Europe/Paris: Paris times', api, { feedTimeZone: 'Europe/Paris', defaultTimeZone: 'Europe/Paris' }, [
      ['1a2b3c4d5e6f', '2026-12-10T18:00:00Z', '2026-12-10T20:00:00Z', 'Europe/Paris'], OFFSET, TOKYO, HOLIDAY,
    ]],
    ['no declared zone: the city zone, and an offset says nothing about where', withoutZone, { defaultTimeZone: 'Europe/Paris' }, [
      ['1a2b3c4d5e6f', '2026-12-10T18:00:00Z', '2026-12-10T20:00:00Z', 'Europe/Paris'], [...OFFSET.slice(0, 3), null] as Row, TOKYO, HOLIDAY,
    ]],
  ])('%s', (_label, body, zones, expected) => {
    const result = parseFeed(body, { feedId: 'api', ...window, ...zones });
    expect(result.format).toBe('json');
    expect(rows(result.events)).toEqual(sorted(expected));
  });
});

describe('JSON-LD and HTML: an explicit offset never claims the default zone', () => {
  const berlin = renderTemplate(fixtureText('sample-feeds/berlin-tech-events.html'), { now: NOW });

  it.each<[string, Partial<ParseFeedOptions>]>([
    ['the user in Caen', { defaultTimeZone: 'Europe/Paris' }],
    ['the user in New York', { defaultTimeZone: 'America/New_York' }],
    ['a per-feed zone (it is about floating times)', { feedTimeZone: 'Europe/Paris', defaultTimeZone: 'America/New_York' }],
  ])('Berlin events with "+01:00" starts have no zone label for %s', (_label, zones) => {
    const result = parseFeed(berlin, { feedId: 'berlin', now: NOW, ...zones });
    expect(result.format).toBe('html');
    expect(result.events.map((e) => [e.title, e.start, e.timeZone])).toEqual([
      ['BerlinJS: Web Components in Produktion', '2026-11-28T18:00:00Z', null],
      ['Rust Berlin Hack & Learn', '2026-12-04T18:00:00Z', null],
    ]);
    // So the popup shows no "there" time computed from a zone the event never named.
    for (const event of result.events) expect(formatEventTime(event, 'America/New_York', 'en-GB').there).toBeNull();
  });

  const node = (startDate: string, extra: object = {}) =>
    JSON.stringify({ '@context': 'https://schema.org', '@type': 'Event', name: 'Meetup', startDate, ...extra });

  it.each<[string, string, Partial<ParseFeedOptions>, string, string | null]>([
    ['offset, user in Caen', node('2026-12-10T19:00:00+01:00'), { defaultTimeZone: 'Europe/Paris' }, '2026-12-10T18:00:00Z', null],
    ['Z, user in Caen', node('2026-12-10T18:00:00Z'), { defaultTimeZone: 'Europe/Paris' }, '2026-12-10T18:00:00Z', null],
    ['floating, user in Caen: read and labelled in Paris', node('2026-12-10T19:00:00'), { defaultTimeZone: 'Europe/Paris' }, '2026-12-10T18:00:00Z', 'Europe/Paris'],
    ['floating, per-feed Berlin zone', node('2026-12-10T19:00:00'), { feedTimeZone: 'Europe/Berlin', defaultTimeZone: 'America/New_York' }, '2026-12-10T18:00:00Z', 'Europe/Berlin'],
    ['offset with the zone the event names (eventSchedule.scheduleTimezone)', node('2026-12-10T19:00:00+01:00', { eventSchedule: { '@type': 'Schedule', scheduleTimezone: 'Europe/Berlin' } }), { defaultTimeZone: 'Europe/Paris' }, '2026-12-10T18:00:00Z', 'Europe/Berlin'],
    ['floating with the zone the event names, over the per-feed zone', node('2026-12-10T19:00:00', { eventSchedule: { '@type': 'Schedule', scheduleTimezone: 'Asia/Tokyo' } }), { feedTimeZone: 'Europe/Paris' }, '2026-12-10T10:00:00Z', 'Asia/Tokyo'],
  ])('%s', (_label, body, zones, start, zone) => {
    const [event] = parseFeed(body, { feedId: 'ld', now: NOW, ...zones }).events;
    expect(event).toMatchObject({ start, timeZone: zone });
  });
});

describe('the other JSON readers take the per-feed zone over the default', () => {
  it.each<[string, string, string]>([
    ['CaenCamp content (local wall times)', JSON.stringify([{ edition: 80, title: 'CaenCamp #80', date: '2026-12-16 18:30:00', published: true }]), '2026-12-16T23:30:00Z'],
    ['a generic list without a declared zone', JSON.stringify({ events: [{ title: 'Apéro', start: '2026-12-16 18:30' }] }), '2026-12-16T23:30:00Z'],
  ])('%s', (_label, body, start) => {
    const [event] = parseFeed(body, { feedId: 'x', now: NOW, feedTimeZone: 'America/New_York', defaultTimeZone: 'Europe/Paris' }).events;
    expect(event).toMatchObject({ start, timeZone: 'America/New_York' });
  });
});

describe('the background passes the per-feed zone and the city zone apart', () => {
  const settings: Settings = { ...DEFAULT_SETTINGS, city: CAEN };
  const config = (timeZone: string | null): Pick<FeedConfig, 'id' | 'url' | 'format' | 'timeZone' | 'home'> => ({
    id: 'nyc', url: 'https://calendar.google.com/calendar/ical/nycjs/public/basic.ics', format: 'auto', timeZone, home: null,
  });
  const deps = (body: string): SyncDeps => ({
    fetch: async () => new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } }),
    readBody: (response) => response.text(),
    toFetchUrl: (url) => url,
    now: () => NOW,
    parse: parseFeed,
    resolve: async (events) => events,
    nearestCity: async () => null,
  });
  const startOf = async (body: string, timeZone: string | null): Promise<[string, string | null] | undefined> => {
    const result = await readFeed(config(timeZone), settings, { etag: null, lastModified: null }, deps(body));
    if (result.kind !== 'parsed') throw new Error(`expected events, got ${result.kind}`);
    const event = result.parsed.events.find((e) => e.uid === '1a2b3c4d5e6f@google.com');
    return event ? [event.start, event.timeZone] : undefined;
  };

  it.each<[string, string, string | null, [string, string]]>([
    ['the feed declares New York, no per-feed zone: New York', google, null, ['2026-12-11T00:00:00Z', 'America/New_York']],
    ['the feed declares New York, per-feed Europe/Paris: Paris', google, 'Europe/Paris', ['2026-12-10T18:00:00Z', 'Europe/Paris']],
    ['no declared zone, no per-feed zone: the city (Caen)', undeclared, null, ['2026-12-10T18:00:00Z', 'Europe/Paris']],
    ['no declared zone, per-feed Asia/Tokyo', undeclared, 'Asia/Tokyo', ['2026-12-10T10:00:00Z', 'Asia/Tokyo']],
  ])('%s', async (_label, body, timeZone, expected) => {
    expect(await startOf(body, timeZone)).toEqual(expected);
  });

  it.each<[string, { timeZone: string | null } | null, { timeZone: string | null } | null, { feedTimeZone: string | null; defaultTimeZone: string }]>([
    ['city and feed', { timeZone: 'Europe/Paris' }, { timeZone: 'America/New_York' }, { feedTimeZone: 'America/New_York', defaultTimeZone: 'Europe/Paris' }],
    ['city only', { timeZone: 'Europe/Paris' }, { timeZone: null }, { feedTimeZone: null, defaultTimeZone: 'Europe/Paris' }],
    ['a feed zone that is no zone', { timeZone: 'Europe/Paris' }, { timeZone: 'Mars/Olympus' }, { feedTimeZone: null, defaultTimeZone: 'Europe/Paris' }],
    ['nothing: the fallback', null, null, { feedTimeZone: null, defaultTimeZone: 'Pacific/Chatham' }],
  ])('feedZoneOptions: %s', (_label, city, feed, expected) => {
    expect(feedZoneOptions(city, feed, 'Pacific/Chatham')).toEqual(expected);
    // The zone all-day dates of the popup use stays the city's.
    expect(defaultTimeZoneFor(city, null, 'Pacific/Chatham')).toBe(expected.defaultTimeZone);
  });
});
