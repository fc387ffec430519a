/**
 * Shapes that real exports and community files carry (FORMATS.md, "Shapes seen in real exports…"), one table per
 * shape. Each row is what a user would otherwise see on the wrong evening: an occurrence missing or invented, a
 * time of day dropped, a list refused, an online meetup counted as in person.
 */
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MeetupEvent } from '../../../lib/events';
import { parseCaenCamp } from '../../../lib/feeds/caencamp';
import { detectFeed } from '../../../lib/feeds/detect';
import { parseFeed } from '../../../lib/feeds/index';
import { parseICal } from '../../../lib/feeds/ical';
import type { Gazetteer } from '../../../lib/location/gazetteer';
import { isNearUser } from '../../../lib/location/near';
import { resolveEvents } from '../../../lib/location/resolve';
import { decodeEntities, htmlToText } from '../../../lib/text';
import { parseWindowBound } from '../../../scripts/cli/args';
import { CAEN, loadTestGazetteer } from '../location/load-gazetteer';
import { calendar, ms, vevent, wide } from './ical-helpers';

const starts = (events: MeetupEvent[]) => events.map((e) => e.start);
const read = (lines: string[], extra = {}) => parseICal(calendar(...lines), wide(extra));

/** ical.js's own expansion of one VEVENT (RecurExpansion through ICAL.Event), as UTC instants, floating in UTC. */
function icalJsStarts(lines: string[], until: string): string[] {
  const component = new ICAL.Component(ICAL.parse(calendar(...lines)));
  const event = new ICAL.Event(component.getFirstSubcomponent('vevent')!);
  const out: string[] = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && next.toString() < until; next = iterator.next()) out.push(next.toString());
  return out;
}

describe('two RRULEs in one VEVENT (Zimbra, old Outlook): the union of both', () => {
  const lines = vevent(
    'UID:two-rules@zimbra.example', 'DTSTART;TZID=Europe/Paris:20270104T190000', 'DURATION:PT2H', 'SUMMARY:Dojo',
    'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3', 'RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=3',
  );

  it.each([
    ['both rules from the same DTSTART', lines, ['2027-01-04T18:00:00Z', '2027-01-07T18:00:00Z', '2027-01-11T18:00:00Z', '2027-01-14T18:00:00Z', '2027-01-18T18:00:00Z']],
    ['a rule with UNTIL and one without end', vevent(
      'UID:two-rules-2@zimbra.example', 'DTSTART:20270105T180000Z', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=5;UNTIL=20270301T000000Z', 'RRULE:FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=20',
    ), ['2027-01-05T18:00:00Z', '2027-02-05T18:00:00Z', '2027-06-20T18:00:00Z']],
  ])('%s', (_, event, expected) => {
    expect(starts(read(event).events)).toEqual(expected);
  });

  it('agrees with ical.js expanding the same event', () => {
    const ours = starts(read(lines).events);
    expect(icalJsStarts(lines, '2028').map((t) => t.slice(0, 19))).toEqual(['2027-01-04T19:00:00', '2027-01-07T19:00:00', '2027-01-11T19:00:00', '2027-01-14T19:00:00', '2027-01-18T19:00:00']);
    expect(ours).toHaveLength(5);
  });
});

describe('recurrences on dates that do not exist are skipped (RFC 5545 §3.3.10), never rolled over', () => {
  const window = { from: ms('2004-01-01'), to: ms('2014-01-01') };
  it.each([
    ['yearly from 29 February, all-day', ['DTSTART;VALUE=DATE:20040229', 'RRULE:FREQ=YEARLY'], ['2004-02-29', '2008-02-29', '2012-02-29']],
    ['yearly from 29 February, COUNT counts only real days', ['DTSTART:20040229T190000Z', 'RRULE:FREQ=YEARLY;COUNT=3'], ['2004-02-29T19:00:00Z', '2008-02-29T19:00:00Z', '2012-02-29T19:00:00Z']],
    ['yearly on BYMONTH=2;BYMONTHDAY=29', ['DTSTART;VALUE=DATE:20040229', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=2'], ['2004-02-29', '2008-02-29']],
    ['monthly on the 31st', ['DTSTART:20050131T180000Z', 'RRULE:FREQ=MONTHLY;COUNT=4'], ['2005-01-31T18:00:00Z', '2005-03-31T18:00:00Z', '2005-05-31T18:00:00Z', '2005-07-31T18:00:00Z']],
    ['monthly on BYMONTHDAY=30, February skipped', ['DTSTART;VALUE=DATE:20050130', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=30;COUNT=3'], ['2005-01-30', '2005-03-30', '2005-04-30']],
    ['every 2 years from 29 February 2004', ['DTSTART;VALUE=DATE:20040229', 'RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=3'], ['2004-02-29', '2008-02-29', '2012-02-29']],
  ])('%s', (_, lines, expected) => {
    expect(starts(read(vevent('UID:x@example.org', 'SUMMARY:Leap', ...lines), window).events)).toEqual(expected);
  });
});

describe('a time inside a DATE value keeps its time of day, with a warning', () => {
  it.each([
    ['DTSTART and DTEND', ['DTSTART;VALUE=DATE:20270315T190000', 'DTEND;VALUE=DATE:20270315T210000'], '2027-03-15T18:00:00Z', '2027-03-15T20:00:00Z'],
    ['with a TZID', ['DTSTART;VALUE=DATE;TZID=America/New_York:20270315T190000', 'DURATION:PT1H'], '2027-03-15T23:00:00Z', '2027-03-16T00:00:00Z'],
    ['with a Z', ['DTSTART;VALUE=DATE:20270315T190000Z'], '2027-03-15T19:00:00Z', null],
  ])('%s', (_, lines, start, end) => {
    const result = read(vevent('UID:dt@example.org', 'SUMMARY:Talk', ...lines));
    expect(result.events.map((e) => [e.start, e.end, e.allDay])).toEqual([[start, end, false]]);
    expect(result.warnings.join('\n')).toMatch(/1 event has a time of day inside a date value/);
  });

  it('a plain DATE stays all-day, without a warning', () => {
    const result = read(vevent('UID:d@example.org', 'SUMMARY:Fest', 'DTSTART;VALUE=DATE:20270315'));
    expect(result.events.map((e) => [e.start, e.allDay])).toEqual([['2027-03-15', true]]);
    expect(result.warnings).toEqual([]);
  });
});

describe('BYDAY with spaces after the commas (Exchange)', () => {
  it.each([
    ['BYDAY=MO, TU, WE', 'FREQ=WEEKLY;BYDAY=MO, TU, WE;COUNT=6'],
    ['spaces around the separators too', 'FREQ=WEEKLY; BYDAY = MO , TU,WE ;COUNT=6'],
  ])('%s', (_, rule) => {
    const result = read(vevent('UID:ex@example.org', 'SUMMARY:Standup', 'DTSTART;TZID=Europe/Paris:20270104T090000', `RRULE:${rule}`));
    expect(starts(result.events)).toEqual([
      '2027-01-04T08:00:00Z', '2027-01-05T08:00:00Z', '2027-01-06T08:00:00Z', '2027-01-11T08:00:00Z', '2027-01-12T08:00:00Z', '2027-01-13T08:00:00Z',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('also when ical.js reads the event (a lowercase keyword inside sends it there)', () => {
    const text = calendar(...vevent('UID:ex@example.org', 'DTSTART:20270104T090000Z', 'RRULE:FREQ=WEEKLY;BYDAY=MO, TU;COUNT=3', 'begin:valarm', 'TRIGGER:-PT15M', 'end:valarm'));
    expect(starts(parseICal(text, wide()).events)).toEqual(['2027-01-04T09:00:00Z', '2027-01-05T09:00:00Z', '2027-01-11T09:00:00Z']);
  });
});

describe('a series re-published with a higher SEQUENCE', () => {
  const series = (sequence: number, ...extra: string[]) => vevent(
    'UID:seq@example.org', `SEQUENCE:${sequence}`, 'SUMMARY:Weekly', 'DTSTART;TZID=Europe/Paris:20270105T190000', 'DURATION:PT2H', 'RRULE:FREQ=WEEKLY;COUNT=4', ...extra,
  );
  const override = (sequence: number, rid: string, start: string) => vevent(
    'UID:seq@example.org', `SEQUENCE:${sequence}`, 'SUMMARY:Weekly (moved)', `RECURRENCE-ID;TZID=Europe/Paris:${rid}`, `DTSTART;TZID=Europe/Paris:${start}`, 'DURATION:PT2H',
  );

  it.each([
    ['the newest master is the series: its EXDATEs apply, an older override of an excluded date is gone',
      [...series(0), ...override(0, '20270112T190000', '20270112T200000'), ...series(2, 'EXDATE;TZID=Europe/Paris:20270112T190000,20270119T190000')],
      ['2027-01-05T18:00:00Z', '2027-01-26T18:00:00Z']],
    ['the same, newest master first in the file',
      [...series(2, 'EXDATE;TZID=Europe/Paris:20270112T190000'), ...series(1), ...override(1, '20270112T190000', '20270112T200000')],
      ['2027-01-05T18:00:00Z', '2027-01-19T18:00:00Z', '2027-01-26T18:00:00Z']],
    ['an override as new as the master still moves its occurrence',
      [...series(0), ...series(2, 'EXDATE;TZID=Europe/Paris:20270119T190000'), ...override(2, '20270112T190000', '20270112T200000')],
      ['2027-01-05T18:00:00Z', '2027-01-12T19:00:00Z', '2027-01-26T18:00:00Z']],
    ['an older override of a date the master still has is kept',
      [...series(2), ...override(1, '20270112T190000', '20270112T200000')],
      ['2027-01-05T18:00:00Z', '2027-01-12T19:00:00Z', '2027-01-19T18:00:00Z', '2027-01-26T18:00:00Z']],
    ['a one-off re-published on another day: only the newest copy',
      [...vevent('UID:once@example.org', 'SEQUENCE:0', 'SUMMARY:Talk', 'DTSTART:20270201T180000Z'), ...vevent('UID:once@example.org', 'SEQUENCE:1', 'SUMMARY:Talk', 'DTSTART:20270202T180000Z')],
      ['2027-02-02T18:00:00Z']],
  ])('%s', (_, lines, expected) => {
    expect(starts(read(lines).events)).toEqual(expected);
  });
});

describe('window ends are exclusive', () => {
  const ical = calendar(
    ...vevent('UID:timed@example.org', 'SUMMARY:At seven', 'DTSTART;TZID=Europe/Paris:20270315T190000'),
    ...vevent('UID:day@example.org', 'SUMMARY:All day', 'DTSTART;VALUE=DATE:20270316'),
    ...vevent('UID:weekly@example.org', 'SUMMARY:Weekly', 'DTSTART;TZID=Europe/Paris:20270301T190000', 'RRULE:FREQ=WEEKLY'),
  );
  const json = JSON.stringify({ timezone: 'Europe/Paris', events: [
    { title: 'At seven', start: '2027-03-15T19:00:00' },
    { title: 'All day', start: '2027-03-16' },
  ] });

  it.each([
    ['iCal, an event starting at the end instant', ical, '2027-03-15T18:00:00Z', ['2027-03-01T18:00:00Z', '2027-03-08T18:00:00Z']],
    ['iCal, an all-day day starting at the end instant', ical, '2027-03-15T23:00:00Z', ['2027-03-01T18:00:00Z', '2027-03-08T18:00:00Z', '2027-03-15T18:00:00Z', '2027-03-15T18:00:00Z']],
    ['JSON, the same', json, '2027-03-15T18:00:00Z', []],
    ['JSON, the all-day day', json, '2027-03-15T23:00:00Z', ['2027-03-15T18:00:00Z']],
  ])('%s', (_, body, to, expected) => {
    const result = parseFeed(body, { feedId: 'f', defaultTimeZone: 'Europe/Paris', from: ms('2027-03-01'), to: ms(to) });
    expect(starts(result.events)).toEqual(expected);
  });

  it.each([
    ['a day: up to its end, the next midnight excluded', '2027-03-15', '2027-03-15T23:00:00Z'],
    ['a local time: that instant, excluded', '2027-03-15T19:00', '2027-03-15T18:00:00Z'],
  ])('--to %s', (_, value, instant) => {
    expect(parseWindowBound(value, 'Europe/Paris', '--to')).toBe(ms(instant));
  });
});

describe('a bare VEVENT body (no VCALENDAR around it)', () => {
  const body = ['BEGIN:VEVENT', 'UID:bare@cms.example', 'SUMMARY:Meetup', 'DTSTART:20270315T180000Z', 'END:VEVENT', ''].join('\r\n');

  it.each([
    ['auto-detection', 'auto' as const],
    ['--format ical', 'ical' as const],
  ])('%s reads it, with a warning', (_, format) => {
    expect(detectFeed(body, { format }).kind).toBe('ical');
    const result = parseFeed(body, { feedId: 'f', format, from: ms('2027-03-01'), to: ms('2027-04-01') });
    expect(result.events.map((e) => [e.title, e.start])).toEqual([['Meetup', '2027-03-15T18:00:00Z']]);
    expect(result.warnings).toEqual(['No VCALENDAR around the events: read them as a calendar.']);
  });
});

describe('JSON lists written by hand', () => {
  const list = (...items: object[]) => parseFeed(JSON.stringify(items), { feedId: 'f', defaultTimeZone: 'Europe/Paris', from: ms('2026-01-01'), to: ms('2028-01-01') });
  const shape = (e: MeetupEvent) => [e.uid, e.title, e.start, e.end, e.url, e.location];

  it.each([
    ['PascalCase keys', { Id: 'e1', Title: 'Rust night', Start: '2027-02-02T19:00:00', End: '2027-02-02T21:00:00', Href: 'https://example.org/e1', VenueName: 'Le Dôme' },
      ['e1', 'Rust night', '2027-02-02T18:00:00Z', '2027-02-02T20:00:00Z', 'https://example.org/e1', 'Le Dôme']],
    ['UPPER and snake_case keys', { ID: 'e2', TITLE: 'Go', START_DATE: '2027-02-02 19:00', END_DATE: '2027-02-02 21:00', URL: 'https://example.org/e2', venue_name: 'La Halle' },
      ['e2', 'Go', '2027-02-02T18:00:00Z', '2027-02-02T20:00:00Z', 'https://example.org/e2', 'La Halle']],
    ['a date and a time range with an en dash', { id: 'e3', title: 'A', date: '2027-02-02', time: '19:00–21:00' }, ['e3', 'A', '2027-02-02T18:00:00Z', '2027-02-02T20:00:00Z', null, null]],
    ['a date and "19:00 - 21:00"', { id: 'e4', title: 'B', date: '2027-02-02', time: '19:00 - 21:00' }, ['e4', 'B', '2027-02-02T18:00:00Z', '2027-02-02T20:00:00Z', null, null]],
    ['a date and "7pm-9pm"', { id: 'e5', title: 'C', date: '2027-02-02', time: '7pm-9pm' }, ['e5', 'C', '2027-02-02T18:00:00Z', '2027-02-02T20:00:00Z', null, null]],
    ['a date and "19h30"', { id: 'e6', title: 'D', date: '2027-02-02', time: '19h30' }, ['e6', 'D', '2027-02-02T18:30:00Z', null, null, null]],
    ['a date and "6:30 PM to 8 PM"', { id: 'e7', title: 'E', Date: '2027-02-02', Time: '6:30 PM to 8 PM' }, ['e7', 'E', '2027-02-02T17:30:00Z', '2027-02-02T19:00:00Z', null, null]],
    ['a range past midnight ends the next day', { id: 'e8', title: 'F', date: '2027-02-02', time: '22h-1h' }, ['e8', 'F', '2027-02-02T21:00:00Z', '2027-02-03T00:00:00Z', null, null]],
    ['a place object', { id: 'e9', title: 'G', start: '2027-02-02T19:00:00', place: { name: 'Le Dôme', address: '3 esplanade Stéphane Hessel', postalCode: '14000', city: 'Caen' } },
      ['e9', 'G', '2027-02-02T18:00:00Z', null, null, 'Le Dôme, 3 esplanade Stéphane Hessel, 14000 Caen']],
    ['a PascalCase venue object', { Id: 'e10', Title: 'H', Start: '2027-02-02T19:00:00', Venue: { Name: 'La Halle', Address: '12 rue des Arts, 14000 Caen' } },
      ['e10', 'H', '2027-02-02T18:00:00Z', null, null, 'La Halle, 12 rue des Arts, 14000 Caen']],
  ])('%s', (_, item, expected) => {
    const result = list(item);
    expect(result.events.map(shape)).toEqual([expected]);
  });

  it('a place object gives the structured place too', () => {
    const [event] = list({ id: 'p', title: 'G', start: '2027-02-02T19:00:00', place: { name: 'Le Dôme', address: '3 esplanade Stéphane Hessel', postalCode: '14000', city: 'Caen' } }).events;
    expect(event!.place).toMatchObject({ name: 'Le Dôme', street: '3 esplanade Stéphane Hessel', postalCode: '14000', locality: 'Caen' });
  });

  it('CaenCamp content files with a place object', () => {
    const result = parseCaenCamp([
      { edition: 80, title: 'CaenCamp #80', date: '2027-02-17 18:30:00', published: true, place: { name: 'Le Dôme', address: '3 esplanade Stéphane Hessel', postalCode: '14000', city: 'Caen' } },
    ], { feedId: 'c', defaultTimeZone: 'Europe/Paris' });
    expect(result.events.map((e) => [e.start, e.location, e.place?.locality])).toEqual([['2027-02-17T17:30:00Z', 'Le Dôme, 3 esplanade Stéphane Hessel, 14000 Caen', 'Caen']]);
  });
});

describe('online or in person', () => {
  let gazetteer: Gazetteer;
  beforeAll(async () => {
    gazetteer = await loadTestGazetteer();
  }, 120_000);

  const near = { city: CAEN, radiusKm: 30, allLocalFeedIds: new Set<string>() };
  const cases: [string, string[], { online: boolean; onlineUrl: string | null; hasPlace: boolean; shownWithoutOnline: boolean }][] = [
    ['Meetup: "Online event" with the group\'s GEO is online only', ['LOCATION:Online event', 'GEO:49.1829;-0.3707'], { online: true, onlineUrl: null, hasPlace: false, shownWithoutOnline: false }],
    ['Luma: an event-page link next to GEO is in person', ['LOCATION:https://luma.com/abc123', 'GEO:49.1829;-0.3707'], { online: false, onlineUrl: null, hasPlace: true, shownWithoutOnline: true }],
    ['Luma: a link alone is online', ['LOCATION:https://luma.com/abc123'], { online: true, onlineUrl: 'https://luma.com/abc123', hasPlace: false, shownWithoutOnline: false }],
    ['an address next to an Eventbrite link is in person', ['LOCATION:Le Dôme\\, 14000 Caen https://www.eventbrite.fr/e/rust-tickets-123'], { online: false, onlineUrl: null, hasPlace: false, shownWithoutOnline: true }],
    ['a Zoom link is online, even next to the group\'s GEO', ['LOCATION:https://us02web.zoom.us/j/123456', 'GEO:49.1829;-0.3707'], { online: true, onlineUrl: 'https://us02web.zoom.us/j/123456', hasPlace: false, shownWithoutOnline: false }],
    ['Outlook: "Microsoft Teams Meeting"', ['LOCATION:Microsoft Teams Meeting'], { online: true, onlineUrl: null, hasPlace: false, shownWithoutOnline: false }],
    ['a venue in Caen with GEO', ['LOCATION:Le Dôme (3 esplanade Stéphane Hessel\\, Caen\\, France 14000)', 'GEO:49.1868;-0.3586'], { online: false, onlineUrl: null, hasPlace: true, shownWithoutOnline: true }],
  ];

  it.each(cases)('%s', async (_, lines, expected) => {
    const result = read(vevent('UID:o@example.org', 'SUMMARY:Meetup', 'DTSTART:20270315T180000Z', ...lines));
    const event = result.events[0]!;
    // The reader says it itself: the CLI's JSON has it without --city.
    expect({ online: event.online, onlineUrl: event.onlineUrl, hasPlace: event.place !== null }).toEqual({
      online: expected.online, onlineUrl: expected.onlineUrl, hasPlace: expected.hasPlace,
    });
    // "Include online events: off" hides online-only events, before and after the resolver.
    if (!expected.shownWithoutOnline) expect(isNearUser(event, { ...near, includeOnline: false })).toBe(false);
    const [resolved] = await resolveEvents([event], { gazetteer, city: CAEN });
    expect(resolved!.online).toBe(expected.online);
    expect(isNearUser(resolved!, { ...near, includeOnline: false })).toBe(expected.shownWithoutOnline);
    expect(isNearUser(resolved!, { ...near, includeOnline: true })).toBe(true);
  });
});

describe('every HTML named entity decodes', () => {
  it.each([
    ['K&ouml;ln', 'Köln'],
    ['Z&uuml;rich &amp; Gen&egrave;ve', 'Zürich & Genève'],
    ['&Aring;rhus&thinsp;&ndash;&thinsp;&Oslash;resund', 'Århus\u2009–\u2009Øresund'],
    ['caf&eacute;&hellip; l&rsquo;apr&egrave;s-midi&nbsp;!', 'café… l’après-midi\u00a0!'],
    ['&CounterClockwiseContourIntegral; &frac12; &rarr; &hearts;', '∳ ½ → ♥'],
    ['&#x4B;&#246;ln', 'Köln'],
    // Not an entity (no semicolon, or no such name): left as written.
    ['R&D, a=1&copy=2, &nosuch;', 'R&D, a=1&copy=2, &nosuch;'],
  ])('%s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });

  it('through the iCal reader', () => {
    const result = read(vevent('UID:e@example.org', 'SUMMARY:Meetup K&ouml;ln', 'DESCRIPTION:<p>Gr&uuml;&szlig;e</p>', 'LOCATION:Caf&eacute; Rh&ocirc;ne', 'DTSTART:20270315T180000Z'));
    expect(result.events.map((e) => [e.title, e.description, e.location])).toEqual([['Meetup Köln', 'Grüße', 'Café Rhône']]);
    expect(htmlToText('<b>&Scaron;koda</b>')).toBe('Škoda');
  });
});
