/**
 * RFC 5545 §3.3.6: "P1D" is a nominal day (the same wall time the next day, 23 or 25 hours across a DST change),
 * "PT24H" is exact. §3.8.5.3: with DURATION every occurrence gets the same nominal duration, with DTEND the same
 * exact one.
 */
import { describe, expect, it } from 'vitest';
import { parseICal } from '../../../lib/feeds/ical';
import { parseJsonLd } from '../../../lib/feeds/json-ld';
import { addDuration, approximateMs, parseDuration } from '../../../lib/feeds/duration';
import { calendar, ms, vevent, wide } from './ical-helpers';

/** A VTIMEZONE with Paris's rules under a name no platform knows: the feed's own rules must be used. */
const CUSTOM_ZONE = [
  'BEGIN:VTIMEZONE', 'TZID:Customized Time Zone',
  'BEGIN:STANDARD', 'DTSTART:16010101T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'END:STANDARD',
  'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'END:DAYLIGHT',
  'END:VTIMEZONE',
];

type Span = [string, string | null];

describe('DURATION of one-off events', () => {
  it.each<[string, string[], Span]>([
    // The US leaves DST on 1 November 2026: 20:00 EDT + P1D = 20:00 EST, 25 hours later.
    ['P1D from the evening before the US DST end (floating, X-WR-TIMEZONE New York)', ['DTSTART:20261031T200000', 'DURATION:P1D'], ['2026-11-01T00:00:00Z', '2026-11-02T01:00:00Z']],
    ['PT24H is exact', ['DTSTART:20261031T200000', 'DURATION:PT24H'], ['2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z']],
    ['P1W over the European DST end', ['DTSTART;TZID=Europe/Paris:20261020T100000', 'DURATION:P1W'], ['2026-10-20T08:00:00Z', '2026-10-27T09:00:00Z']],
    ['P1DT2H: a nominal day, then two exact hours', ['DTSTART;TZID=Europe/Paris:20261024T180000', 'DURATION:P1DT2H'], ['2026-10-24T16:00:00Z', '2026-10-25T19:00:00Z']],
    ['P1D in UTC is 24 hours', ['DTSTART:20261024T180000Z', 'DURATION:P1D'], ['2026-10-24T18:00:00Z', '2026-10-25T18:00:00Z']],
    ['P1D with a custom VTIMEZONE', ['DTSTART;TZID=Customized Time Zone:20261024T200000', 'DURATION:P1D'], ['2026-10-24T18:00:00Z', '2026-10-25T19:00:00Z']],
    // New Zealand springs forward on 27 September 2026: 23 hours.
    ['P1D over the New Zealand DST start', ['DTSTART;TZID=Pacific/Auckland:20260926T120000', 'DURATION:P1D'], ['2026-09-26T00:00:00Z', '2026-09-26T23:00:00Z']],
    // 02:30 on 28 March 2027 does not exist in Paris: the end moves forward by the gap.
    ['P1D ending in a DST gap', ['DTSTART;TZID=Europe/Paris:20270327T023000', 'DURATION:P1D'], ['2027-03-27T01:30:00Z', '2027-03-28T01:30:00Z']],
    ['a DTEND is taken as written', ['DTSTART;TZID=Europe/Paris:20261024T200000', 'DTEND;TZID=Europe/Paris:20261025T200000'], ['2026-10-24T18:00:00Z', '2026-10-25T19:00:00Z']],
    ['a negative duration gives no end', ['DTSTART;TZID=Europe/Paris:20261024T200000', 'DURATION:-P1D'], ['2026-10-24T18:00:00Z', null]],
    ['an all-day P2D stays two dates', ['DTSTART;VALUE=DATE:20261024', 'DURATION:P2D'], ['2026-10-24', '2026-10-26']],
  ])('%s', (_label, lines, [start, end]) => {
    const body = calendar('X-WR-TIMEZONE:America/New_York', ...CUSTOM_ZONE, ...vevent('UID:d@x', 'SUMMARY:Long event', ...lines));
    const [event] = parseICal(body, wide()).events;
    expect([event!.start, event!.end]).toEqual([start, end]);
  });
});

describe('DURATION of recurring events', () => {
  const rows = (lines: string[]) =>
    parseICal(calendar(...CUSTOM_ZONE, ...lines), wide()).events.map((e): Span => [e.start, e.end]);

  it.each<[string, string[], Span[]]>([
    ['DURATION:P1D weekly: every occurrence ends at 20:00 the next day', vevent('UID:w@x', 'DTSTART;TZID=Europe/Paris:20261017T200000', 'DURATION:P1D', 'RRULE:FREQ=WEEKLY;COUNT=3'), [
      ['2026-10-17T18:00:00Z', '2026-10-18T18:00:00Z'],
      ['2026-10-24T18:00:00Z', '2026-10-25T19:00:00Z'],
      ['2026-10-31T19:00:00Z', '2026-11-01T19:00:00Z'],
    ]],
    ['the same with a custom VTIMEZONE', vevent('UID:w@x', 'DTSTART;TZID=Customized Time Zone:20261017T200000', 'DURATION:P1D', 'RRULE:FREQ=WEEKLY;COUNT=3'), [
      ['2026-10-17T18:00:00Z', '2026-10-18T18:00:00Z'],
      ['2026-10-24T18:00:00Z', '2026-10-25T19:00:00Z'],
      ['2026-10-31T19:00:00Z', '2026-11-01T19:00:00Z'],
    ]],
    ['DTEND weekly: the exact length of the first occurrence', vevent('UID:w@x', 'DTSTART;TZID=Europe/Paris:20261017T200000', 'DTEND;TZID=Europe/Paris:20261018T200000', 'RRULE:FREQ=WEEKLY;COUNT=3'), [
      ['2026-10-17T18:00:00Z', '2026-10-18T18:00:00Z'],
      ['2026-10-24T18:00:00Z', '2026-10-25T18:00:00Z'],
      ['2026-10-31T19:00:00Z', '2026-11-01T19:00:00Z'],
    ]],
    ['an override without an end inherits the nominal P1D', [
      ...vevent('UID:o@x', 'DTSTART;TZID=Europe/Paris:20261010T200000', 'DURATION:P1D', 'RRULE:FREQ=WEEKLY;COUNT=3'),
      ...vevent('UID:o@x', 'RECURRENCE-ID;TZID=Europe/Paris:20261024T200000', 'DTSTART;TZID=Europe/Paris:20261024T210000', 'SUMMARY:Later'),
    ], [
      ['2026-10-10T18:00:00Z', '2026-10-11T18:00:00Z'],
      ['2026-10-17T18:00:00Z', '2026-10-18T18:00:00Z'],
      ['2026-10-24T19:00:00Z', '2026-10-25T20:00:00Z'],
    ]],
    ['THISANDFUTURE with its own P1D', [
      ...vevent('UID:f@x', 'DTSTART;TZID=Europe/Paris:20261010T200000', 'DURATION:PT2H', 'RRULE:FREQ=WEEKLY;COUNT=4'),
      ...vevent('UID:f@x', 'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Paris:20261017T200000', 'DTSTART;TZID=Europe/Paris:20261017T200000', 'DURATION:P1D'),
    ], [
      ['2026-10-10T18:00:00Z', '2026-10-10T20:00:00Z'],
      ['2026-10-17T18:00:00Z', '2026-10-18T18:00:00Z'],
      ['2026-10-24T18:00:00Z', '2026-10-25T19:00:00Z'],
      ['2026-10-31T19:00:00Z', '2026-11-01T19:00:00Z'],
    ]],
    ['an RDATE period with a nominal duration', vevent('UID:r@x', 'DTSTART;TZID=Europe/Paris:20261010T200000', 'DTEND;TZID=Europe/Paris:20261010T220000', 'RDATE;VALUE=PERIOD;TZID=Europe/Paris:20261024T200000/P1D'), [
      ['2026-10-10T18:00:00Z', '2026-10-10T20:00:00Z'],
      ['2026-10-24T18:00:00Z', '2026-10-25T19:00:00Z'],
    ]],
  ])('%s', (_label, lines, expected) => {
    expect(rows(lines)).toEqual(expected);
  });
});

describe('JSON-LD duration', () => {
  const node = (startDate: string, duration: string) => ({ '@context': 'https://schema.org', '@type': 'Event', name: 'Long event', startDate, duration });
  it.each<[string, string, string, Span]>([
    ['floating P1D in the feed zone over the DST end', '2026-10-24T20:00:00', 'P1D', ['2026-10-24T18:00:00Z', '2026-10-25T19:00:00Z']],
    ['floating PT24H is exact', '2026-10-24T20:00:00', 'PT24H', ['2026-10-24T18:00:00Z', '2026-10-25T18:00:00Z']],
    ['an offset names no zone: P1D is 24 hours', '2026-10-24T20:00:00+02:00', 'P1D', ['2026-10-24T18:00:00Z', '2026-10-25T18:00:00Z']],
  ])('%s', (_label, startDate, duration, expected) => {
    const [event] = parseJsonLd(node(startDate, duration), { feedId: 'ld', defaultTimeZone: 'Europe/Paris', now: ms('2026-10-20') }).events;
    expect([event!.start, event!.end]).toEqual(expected);
  });
});

describe('parseDuration / addDuration', () => {
  it.each<[string, { days: number; ms: number } | null]>([
    ['P1D', { days: 1, ms: 0 }],
    ['P2W', { days: 14, ms: 0 }],
    ['P1DT2H30M', { days: 1, ms: 9_000_000 }],
    ['-PT15M', { days: 0, ms: -900_000 }],
    ['+PT1S', { days: 0, ms: 1000 }],
    ['P', null],
    ['PT', null],
    ['P1DT', null],
    ['1D', null],
    ['', null],
  ])('%s', (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it('adds nominal days on the wall clock of the zone, exact ones without a zone', () => {
    const start = ms('2026-10-24T18:00:00Z');
    const p1d = parseDuration('P1D')!;
    expect(new Date(addDuration(start, p1d, 'Europe/Paris')).toISOString()).toBe('2026-10-25T19:00:00.000Z');
    expect(new Date(addDuration(start, p1d, null)).toISOString()).toBe('2026-10-25T18:00:00.000Z');
    expect(approximateMs(p1d)).toBe(86_400_000);
  });
});
