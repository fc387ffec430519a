import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { parseICal } from '../../../lib/feeds/ical';
import { expandRule } from '../../../lib/feeds/ical/recurrence';
import { toUtcIso, zonedTimeToUtcMs, type WallTime } from '../../../lib/time';
import { byUid, calendar, fixture, ms, vevent, wide } from './ical-helpers';

const starts = (text: string, uid: string, extra = {}) => byUid(parseICal(text, wide(extra)).events, uid).map((e) => e.start);

describe('weekly series with EXDATE and RECURRENCE-ID overrides (hand-written fixture)', () => {
  const events = byUid(parseICal(fixture('handwritten.ics'), wide()).events, 'weekly@caen.example');

  it('keeps 19:00 Paris across the 29 March DST change, drops EXDATEs, never counts an override twice', () => {
    expect(events.map((e) => [e.id, e.start, e.end, e.status, e.title])).toEqual([
      ['feed|weekly@caen.example|2026-03-17T18:00:00Z', '2026-03-17T18:00:00Z', '2026-03-17T20:00:00Z', 'confirmed', 'Weekly dojo'],
      ['feed|weekly@caen.example|2026-03-24T18:00:00Z', '2026-03-24T18:00:00Z', '2026-03-24T20:00:00Z', 'confirmed', 'Weekly dojo'],
      // Moved to Wednesday: keeps the id of the Tuesday it replaces.
      ['feed|weekly@caen.example|2026-04-14T17:00:00Z', '2026-04-15T18:00:00Z', '2026-04-15T20:00:00Z', 'confirmed', 'Weekly dojo (moved to Wednesday)'],
      // An override can cancel one occurrence.
      ['feed|weekly@caen.example|2026-04-21T17:00:00Z', '2026-04-21T17:00:00Z', '2026-04-21T19:00:00Z', 'cancelled', 'Weekly dojo'],
    ]);
  });

  it('lets an override inherit what it does not say from the master', () => {
    expect(events[2]!.location).toBe('Le Dôme, Caen');
  });
});

describe('monthly series with RDATE, EXDATE;VALUE=DATE and RANGE=THISANDFUTURE', () => {
  const events = byUid(parseICal(fixture('handwritten.ics'), wide()).events, 'monthly@caen.example');

  it('expands second Thursdays, adds the RDATE, drops the excluded date, shifts this and future ones', () => {
    expect(events.slice(0, 9).map((e) => [e.start, e.end, e.title, e.location])).toEqual([
      ['2026-09-10T17:00:00Z', '2026-09-10T19:00:00Z', 'Monthly meetup', 'La Grande Halle'],
      ['2026-10-08T17:00:00Z', '2026-10-08T19:00:00Z', 'Monthly meetup', 'La Grande Halle'],
      ['2026-11-12T18:00:00Z', '2026-11-12T20:00:00Z', 'Monthly meetup', 'La Grande Halle'],
      ['2026-12-23T18:00:00Z', '2026-12-23T20:00:00Z', 'Monthly meetup', 'La Grande Halle'],
      ['2027-01-14T18:00:00Z', '2027-01-14T20:00:00Z', 'Monthly meetup', 'La Grande Halle'],
      ['2027-02-11T17:30:00Z', '2027-02-11T20:00:00Z', 'Monthly meetup (new time)', 'Le Dôme'],
      ['2027-03-11T17:30:00Z', '2027-03-11T20:00:00Z', 'Monthly meetup (new time)', 'Le Dôme'],
      ['2027-04-08T16:30:00Z', '2027-04-08T19:00:00Z', 'Monthly meetup (new time)', 'Le Dôme'],
      ['2027-05-13T16:30:00Z', '2027-05-13T19:00:00Z', 'Monthly meetup (new time)', 'Le Dôme'],
    ]);
    expect(events[6]!.id).toBe('feed|monthly@caen.example|2027-03-11T18:00:00Z');
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });
});

describe('DST weeks', () => {
  it.each([
    // US: 8 March and 1 November 2026.
    ['America/New_York', '20260226T190000', 'FREQ=WEEKLY;COUNT=3', ['2026-02-27T00:00:00Z', '2026-03-06T00:00:00Z', '2026-03-12T23:00:00Z']],
    ['America/New_York', '20261022T190000', 'FREQ=WEEKLY;COUNT=3', ['2026-10-22T23:00:00Z', '2026-10-29T23:00:00Z', '2026-11-06T00:00:00Z']],
    ['America/Los_Angeles', '20261026T090000', 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=6', ['2026-10-26T16:00:00Z', '2026-10-27T16:00:00Z', '2026-10-28T16:00:00Z', '2026-10-29T16:00:00Z', '2026-10-30T16:00:00Z', '2026-11-02T17:00:00Z']],
    // Europe: 25 October 2026.
    ['Europe/Paris', '20261020T190000', 'FREQ=WEEKLY;COUNT=2', ['2026-10-20T17:00:00Z', '2026-10-27T18:00:00Z']],
    // 02:30 does not exist on 29 March in Paris: moved forward by the gap (RFC 5545), i.e. 03:30 summer time.
    ['Europe/Paris', '20260322T023000', 'FREQ=WEEKLY;COUNT=2', ['2026-03-22T01:30:00Z', '2026-03-29T01:30:00Z']],
    // 02:30 happens twice on 25 October: the first one.
    ['Europe/Paris', '20261018T023000', 'FREQ=WEEKLY;COUNT=2', ['2026-10-18T00:30:00Z', '2026-10-25T00:30:00Z']],
    // Southern hemisphere: Auckland moves back on 5 April 2026.
    ['Pacific/Auckland', '20260401T180000', 'FREQ=WEEKLY;COUNT=2', ['2026-04-01T05:00:00Z', '2026-04-08T06:00:00Z']],
  ])('%s %s %s', (zone, start, rule, expected) => {
    const text = calendar(...vevent('UID:dst@x', `DTSTART;TZID=${zone}:${start}`, 'DURATION:PT2H', `RRULE:${rule}`));
    expect(starts(text, 'dst@x')).toEqual(expected);
  });
});

describe('RRULE details', () => {
  const series = (...lines: string[]) => calendar(...vevent('UID:s@x', 'SUMMARY:Series', ...lines));

  it.each([
    ['UNTIL in UTC includes the last occurrence exactly', ['DTSTART;TZID=Europe/Paris:20261201T190000', 'RRULE:FREQ=WEEKLY;UNTIL=20261215T180000Z'], ['2026-12-01T18:00:00Z', '2026-12-08T18:00:00Z', '2026-12-15T18:00:00Z']],
    ['DTSTART off the rule still counts as the first occurrence', ['DTSTART;TZID=Europe/Paris:20261202T190000', 'RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3'], ['2026-12-02T18:00:00Z', '2026-12-08T18:00:00Z', '2026-12-15T18:00:00Z']],
    ['EXDATE in UTC removes the matching zoned occurrence', ['DTSTART;TZID=Europe/Paris:20261201T190000', 'RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE:20261208T180000Z'], ['2026-12-01T18:00:00Z', '2026-12-15T18:00:00Z']],
    ['floating EXDATE is read in the series zone', ['DTSTART;TZID=America/New_York:20261201T190000', 'RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE:20261208T190000'], ['2026-12-02T00:00:00Z', '2026-12-16T00:00:00Z']],
    ['EXDATE;VALUE=DATE removes that local day', ['DTSTART;TZID=Pacific/Auckland:20261201T080000', 'RRULE:FREQ=DAILY;COUNT=3', 'EXDATE;VALUE=DATE:20261202'], ['2026-11-30T19:00:00Z', '2026-12-02T19:00:00Z']],
    ['several EXDATE lines and values', ['DTSTART:20261201T100000Z', 'RRULE:FREQ=DAILY;COUNT=6', 'EXDATE:20261202T100000Z,20261203T100000Z', 'EXDATE:20261205T100000Z'], ['2026-12-01T10:00:00Z', '2026-12-04T10:00:00Z', '2026-12-06T10:00:00Z']],
    ['RDATE as PERIOD adds an occurrence with its own end', ['DTSTART:20261201T100000Z', 'DTEND:20261201T110000Z', 'RRULE:FREQ=WEEKLY;COUNT=1', 'RDATE;VALUE=PERIOD:20261203T150000Z/20261203T180000Z'], ['2026-12-01T10:00:00Z', '2026-12-03T15:00:00Z']],
    ['RDATE without RRULE', ['DTSTART:20261201T100000Z', 'RDATE:20261210T100000Z,20261220T100000Z'], ['2026-12-01T10:00:00Z', '2026-12-10T10:00:00Z', '2026-12-20T10:00:00Z']],
    ['biweekly with BYDAY and WKST=SU', ['DTSTART;TZID=Europe/Paris:20261201T190000', 'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,TU;WKST=SU;COUNT=4'], ['2026-12-01T18:00:00Z', '2026-12-13T18:00:00Z', '2026-12-15T18:00:00Z', '2026-12-27T18:00:00Z']],
    ['monthly on the last Friday', ['DTSTART;TZID=Europe/Paris:20261127T183000', 'RRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=3'], ['2026-11-27T17:30:00Z', '2026-12-25T17:30:00Z', '2027-01-29T17:30:00Z']],
  ])('%s', (_label, lines, expected) => {
    expect(starts(series(...lines), 's@x')).toEqual(expected);
  });

  it('gives the RDATE PERIOD its own end', () => {
    const events = parseICal(series('DTSTART:20261201T100000Z', 'DTEND:20261201T110000Z', 'RDATE;VALUE=PERIOD:20261203T150000Z/20261203T180000Z'), wide()).events;
    expect(events.map((e) => e.end)).toEqual(['2026-12-01T11:00:00Z', '2026-12-03T18:00:00Z']);
  });

  it('counts COUNT from DTSTART even when the window starts months later', () => {
    // Day 160 of a daily series from 1 January is 9 June.
    const text = series('DTSTART:20260101T090000Z', 'RRULE:FREQ=DAILY;COUNT=160');
    expect(starts(text, 's@x', { from: ms('2026-06-01'), to: ms('2026-07-01') })).toEqual(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((d) => `2026-06-${d}T09:00:00Z`),
    );
    // Ten weeks of Tuesdays and Thursdays from 6 January end on 12 March.
    const twice = series('DTSTART:20260106T180000Z', 'RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=20');
    expect(starts(twice, 's@x', { from: ms('2026-03-01'), to: ms('2026-04-01') })).toEqual([
      '2026-03-03T18:00:00Z', '2026-03-05T18:00:00Z', '2026-03-10T18:00:00Z', '2026-03-12T18:00:00Z',
    ]);
  });

  // A COUNT rule cannot jump to the window: it is walked from DTSTART. Monthly "2nd Tuesday" rules cost ical.js
  // ~0.2 ms a step, so a series started decades ago ran out of its time budget and lost its current occurrences.
  it.each([
    ['second Tuesdays since 1990', 'DTSTART;TZID=Europe/Paris:19900109T190000', 'RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=1000', ['2026-11-10T18:00:00Z', '2026-12-08T18:00:00Z']],
    ['last Thursdays since 1990', 'DTSTART;TZID=Europe/Paris:19900125T190000', 'RRULE:FREQ=MONTHLY;BYDAY=-1TH;COUNT=1000', ['2026-11-26T18:00:00Z', '2026-12-31T18:00:00Z']],
    ['Tuesdays as a DAILY rule since 1990', 'DTSTART;TZID=Europe/Paris:19900109T190000', 'RRULE:FREQ=DAILY;BYDAY=TU;COUNT=10000', ['03', '10', '17', '24'].map((d) => `2026-11-${d}T18:00:00Z`).concat(['01', '08', '15', '22', '29'].map((d) => `2026-12-${d}T18:00:00Z`))],
    ['every other first Monday since 1980', 'DTSTART;TZID=America/New_York:19800107T180000', 'RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO;COUNT=600', ['2026-11-02T23:00:00Z']],
  ])('reaches the window from a COUNT series started long ago: %s', (_label, dtstart, rule, expected) => {
    const text = series(dtstart, 'DURATION:PT2H', rule);
    expect(starts(text, 's@x', { from: ms('2026-11-01'), to: ms('2027-01-01') })).toEqual(expected);
  });
});

describe('all-day series', () => {
  it.each([
    ['yearly, two days each', ['DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261226', 'RRULE:FREQ=YEARLY;COUNT=2'], [['2026-12-24', '2026-12-26'], ['2027-12-24', '2027-12-26']]],
    ['weekly with UNTIL as a date and EXDATE as a date', ['DTSTART;VALUE=DATE:20261201', 'RRULE:FREQ=WEEKLY;UNTIL=20261222', 'EXDATE;VALUE=DATE:20261208'], [['2026-12-01', '2026-12-02'], ['2026-12-15', '2026-12-16'], ['2026-12-22', '2026-12-23']]],
    ['THISANDFUTURE moving days', ['DTSTART;VALUE=DATE:20261201', 'RRULE:FREQ=WEEKLY;COUNT=3'], [['2026-12-01', '2026-12-02'], ['2026-12-09', '2026-12-10'], ['2026-12-16', '2026-12-17']]],
  ])('%s', (label, lines, expected) => {
    const extra = label.startsWith('THISANDFUTURE')
      ? vevent('UID:d@x', 'RECURRENCE-ID;VALUE=DATE;RANGE=THISANDFUTURE:20261208', 'DTSTART;VALUE=DATE:20261209', 'SUMMARY:Moved')
      : [];
    const events = byUid(parseICal(calendar(...vevent('UID:d@x', 'SUMMARY:Day', ...lines), ...extra), wide()).events, 'd@x');
    expect(events.map((e) => [e.start, e.end])).toEqual(expected);
    expect(events.every((e) => e.allDay && e.timeZone === null)).toBe(true);
  });
});

describe('overrides and the window', () => {
  const weekly = [
    'UID:w@x', 'SUMMARY:Tuesday talks', 'DTSTART;TZID=Europe/Paris:20261103T190000', 'DTEND;TZID=Europe/Paris:20261103T210000', 'RRULE:FREQ=WEEKLY',
  ];
  const window = { from: ms('2026-11-29'), to: ms('2026-12-06') };

  it('includes an occurrence moved into the window from outside it, once', () => {
    const text = calendar(
      ...vevent(...weekly),
      ...vevent('UID:w@x', 'RECURRENCE-ID;TZID=Europe/Paris:20261208T190000', 'DTSTART;TZID=Europe/Paris:20261204T190000', 'SUMMARY:Friday special'),
    );
    const events = parseICal(text, wide(window)).events;
    expect(events.map((e) => [e.id, e.start, e.end, e.title])).toEqual([
      ['feed|w@x|2026-12-01T18:00:00Z', '2026-12-01T18:00:00Z', '2026-12-01T20:00:00Z', 'Tuesday talks'],
      // No DTEND on the override: it keeps the series' two hours.
      ['feed|w@x|2026-12-08T18:00:00Z', '2026-12-04T18:00:00Z', '2026-12-04T20:00:00Z', 'Friday special'],
    ]);
  });

  it('drops an occurrence moved out of the window', () => {
    const text = calendar(
      ...vevent(...weekly),
      ...vevent('UID:w@x', 'RECURRENCE-ID;TZID=Europe/Paris:20261201T190000', 'DTSTART;TZID=Europe/Paris:20261220T190000'),
    );
    expect(parseICal(text, wide(window)).events).toEqual([]);
  });

  it('prefers the override when a feed also lists the occurrence as a plain copy', () => {
    const text = calendar(
      ...vevent('UID:dup@x', 'DTSTART:20261201T180000Z', 'SUMMARY:Old', 'SEQUENCE:1'),
      ...vevent('UID:dup@x', 'RECURRENCE-ID:20261201T180000Z', 'DTSTART:20261201T180000Z', 'SUMMARY:New', 'SEQUENCE:1'),
    );
    expect(parseICal(text, wide()).events.map((e) => e.title)).toEqual(['New']);
  });
});

describe('hostile rules cost milliseconds', () => {
  const series = (start: string, rule: string) => calendar(...vevent('UID:h@x', 'SUMMARY:Hostile', `DTSTART:${start}`, `RRULE:${rule}`));
  const timed = (text: string, extra = {}) => {
    const t0 = performance.now();
    const result = parseICal(text, wide({ from: ms('2026-06-01'), to: ms('2026-12-01'), ...extra }));
    return { result, elapsed: performance.now() - t0 };
  };

  it.each([
    ['SECONDLY with a huge COUNT', series('20260101T000000Z', 'FREQ=SECONDLY;COUNT=1000000000'), 500, '2026-06-01T00:00:00Z'],
    ['endless MINUTELY', series('19700101T000000Z', 'FREQ=MINUTELY'), 500, '2026-06-01T00:00:00Z'],
    ['endless HOURLY from 1970', series('19700101T000000Z', 'FREQ=HOURLY;INTERVAL=1'), 500, '2026-06-01T00:00:00Z'],
    ['endless DAILY from 1900', series('19000101T090000Z', 'FREQ=DAILY'), 183, '2026-06-01T09:00:00Z'],
    ['MONTHLY from 1900', series('19000115T090000Z', 'FREQ=MONTHLY'), 6, '2026-06-15T09:00:00Z'],
  ])('%s', (_label, text, count, first) => {
    const { result, elapsed } = timed(text);
    expect(result.events).toHaveLength(count);
    expect(result.events[0]!.start).toBe(first);
    expect(elapsed).toBeLessThan(300);
    if (count === 500) expect(result.warnings).toEqual(['1 repeating event capped at the occurrence limit.']);
  });

  it.each([
    ['SECONDLY with BY parts', series('20260601T000000Z', 'FREQ=SECONDLY;BYMONTH=2'), 'A repeating event was cut short: unsupported repeat rule SECONDLY.'],
    ['rare matches with a huge COUNT', series('19000101T090000Z', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=9,18;COUNT=100000000'), null],
    // ical.js refuses the rule: the event stays, as a one-off.
    ['a rule ical.js cannot read', series('20260601T090000Z', 'FREQ=FORTNIGHTLY'), 'A repeating event was cut short: unreadable repeat rule.'],
  ])('%s keeps the feed alive', (_label, text, warning) => {
    const { result, elapsed } = timed(text);
    expect(elapsed).toBeLessThan(2000);
    if (warning) expect(result.warnings).toContain(warning);
  });

  it('bounds a whole feed of slow rules', () => {
    const lines = Array.from({ length: 40 }, (_, i) =>
      vevent(`UID:slow-${i}@x`, `DTSTART:19000101T0900${String(i).padStart(2, '0')}Z`, 'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=9,18;COUNT=100000000')).flat();
    const { result, elapsed } = timed(calendar(...lines, ...vevent('UID:fine@x', 'DTSTART:20260701T090000Z')));
    expect(elapsed).toBeLessThan(5000);
    expect(result.events.map((e) => e.uid)).toEqual(['fine@x']);
    expect(result.warnings).toEqual(['A repeating event was cut short: repeat rule too long to expand.']);
  });

  it('caps a series at options.maxOccurrences', () => {
    const { result } = timed(series('20260101T090000Z', 'FREQ=DAILY'), { maxOccurrences: 3 });
    expect(result.events.map((e) => e.start)).toEqual(['2026-06-01T09:00:00Z', '2026-06-02T09:00:00Z', '2026-06-03T09:00:00Z']);
  });
});

describe('fast DAILY/WEEKLY/MONTHLY iterator matches ical.js', () => {
  const paris = (w: WallTime) => zonedTimeToUtcMs(w, 'Europe/Paris');
  const start: WallTime = { year: 2024, month: 1, day: 3, hour: 19, minute: 0, second: 0 };

  it.each([
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=DAILY;COUNT=900',
    'FREQ=WEEKLY',
    'FREQ=WEEKLY;INTERVAL=2',
    'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR',
    'FREQ=WEEKLY;INTERVAL=3;BYDAY=SU,TU;WKST=SU',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,MO;WKST=SA',
    'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=150',
    'FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231T000000Z',
    'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
    'FREQ=DAILY;BYDAY=TU;COUNT=50',
    'FREQ=DAILY;INTERVAL=2;BYDAY=TU,SA',
    'FREQ=MONTHLY;BYDAY=2TU',
    'FREQ=MONTHLY;BYDAY=+1WE',
    'FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR',
    'FREQ=MONTHLY;BYDAY=4SU;COUNT=40',
    'FREQ=MONTHLY;INTERVAL=5;BYDAY=-4MO;UNTIL=20261231T000000Z',
  ])('%s', (rule) => {
    for (const [from, to] of [[ms('2024-01-01'), ms('2024-03-01')], [ms('2026-10-01'), ms('2027-01-01')]] as const) {
      const run = (forceIcalIterator: boolean) =>
        expandRule({
          recur: ICAL.Recur.fromString(rule), start, isDate: false, toInstant: paris,
          windowFrom: from, windowTo: to, durationMs: 0, maxOccurrences: 500, forceIcalIterator,
        }).occurrences.map((o) => toUtcIso(o.ms));
      const fast = run(false);
      expect(fast).toEqual(run(true));
      if (!rule.includes('COUNT')) expect(fast.length).toBeGreaterThan(0);
    }
  });
});

describe('occurrences are independent objects', () => {
  it('does not share place or categories between occurrences', () => {
    const text = calendar(
      ...vevent('UID:s@x', 'DTSTART:20261201T180000Z', 'RRULE:FREQ=WEEKLY;COUNT=3', 'GEO:49.18;-0.37', 'CATEGORIES:js'),
      ...vevent('UID:s@x', 'RECURRENCE-ID:20261208T180000Z', 'DTSTART:20261208T190000Z'),
      ...vevent('UID:s@x', 'RECURRENCE-ID:20261215T180000Z', 'DTSTART:20261215T190000Z'),
    );
    const events = parseICal(text, wide()).events;
    expect(events).toHaveLength(3);
    events[0]!.place!.lat = 0;
    events[0]!.categories.push('mutated');
    expect(events.slice(1).map((e) => [e.place!.lat, e.categories])).toEqual([[49.18, ['js']], [49.18, ['js']]]);
  });
});

describe('all-day series with a UTC UNTIL (Outlook writes one; RFC 5545 wants a DATE)', () => {
  const series = (until: string) => calendar(...vevent('UID:ad@x', 'SUMMARY:Market', 'DTSTART;VALUE=DATE:20261203', `RRULE:FREQ=WEEKLY;UNTIL=${until}`));
  const ALL = ['2026-12-03', '2026-12-10', '2026-12-17', '2026-12-24'];
  it.each<[string, string, string, string[]]>([
    ['midnight of the 24th in Paris, written in UTC, keeps the 24th', '20261223T230000Z', 'Europe/Paris', ALL],
    ['UTC midnight of the 24th, series read in New York, keeps the 24th', '20261224T000000Z', 'America/New_York', ALL],
    ['UTC midnight of the 24th, series read in Kiritimati, keeps the 24th', '20261224T000000Z', 'Pacific/Kiritimati', ALL],
    ['a DATE UNTIL', '20261224', 'Europe/Paris', ALL],
    ['midnight of the 23rd in Paris stops before the 24th', '20261222T230000Z', 'Europe/Paris', ALL.slice(0, 3)],
  ])('%s', (_label, until, zone, dates) => {
    const events = parseICal(series(until), wide({ defaultTimeZone: zone })).events;
    expect(events.map((e) => [e.start, e.end, e.allDay])).toEqual(dates.map((d) => [d, addDays(d, 1), true]));
  });
});

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('all-day series with UTC date-times in EXDATE, RECURRENCE-ID and RDATE', () => {
  // Outlook's way: the local midnight (Paris) written in UTC.
  const body = calendar(
    ...vevent('UID:m@x', 'SUMMARY:Market', 'DTSTART;VALUE=DATE:20261203', 'DTEND;VALUE=DATE:20261204', 'RRULE:FREQ=WEEKLY;COUNT=4',
      'EXDATE:20261209T230000Z', 'RDATE:20261227T230000Z'),
    ...vevent('UID:m@x', 'SUMMARY:Market (moved)', 'RECURRENCE-ID:20261216T230000Z', 'DTSTART;VALUE=DATE:20261218', 'DTEND;VALUE=DATE:20261219'),
  );
  it.each(['Europe/Paris', 'Europe/Berlin'])('are the local days in %s', (zone) => {
    const events = parseICal(body, wide({ defaultTimeZone: zone })).events;
    expect(events.map((e) => [e.start, e.title, e.id])).toEqual([
      ['2026-12-03', 'Market', 'feed|m@x|2026-12-03'],
      ['2026-12-18', 'Market (moved)', 'feed|m@x|2026-12-17'],
      ['2026-12-24', 'Market', 'feed|m@x|2026-12-24'],
      ['2026-12-28', 'Market', 'feed|m@x|2026-12-28'],
    ]);
  });

  it('UTC midnight keeps its own date', () => {
    const utc = calendar(...vevent('UID:u@x', 'DTSTART;VALUE=DATE:20261203', 'RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE:20261210T000000Z'));
    expect(parseICal(utc, wide({ defaultTimeZone: 'America/New_York' })).events.map((e) => e.start)).toEqual(['2026-12-03', '2026-12-17']);
  });
});
