import { describe, expect, it } from 'vitest';
import { parseDateValue, resolveEventTimes } from '../../../lib/feeds/date-values';
import { systemTimeZone } from '../../../lib/time';

describe('parseDateValue', () => {
  it.each([
    ['2026-11-24T18:30:00Z', { kind: 'instant', ms: Date.UTC(2026, 10, 24, 18, 30) }],
    ['2026-11-24T18:30:00.123z', { kind: 'instant', ms: Date.UTC(2026, 10, 24, 18, 30) }],
    ['2026-11-24T19:30:00+01:00', { kind: 'instant', ms: Date.UTC(2026, 10, 24, 18, 30) }],
    ['2026-11-24T13:30:00-0500', { kind: 'instant', ms: Date.UTC(2026, 10, 24, 18, 30) }],
    ['2026-11-24T23:30+05', { kind: 'instant', ms: Date.UTC(2026, 10, 24, 18, 30) }],
    ['20261124T183000Z', { kind: 'instant', ms: Date.UTC(2026, 10, 24, 18, 30) }],
    ['Tue, 24 Nov 2026 18:30:00 GMT', { kind: 'instant', ms: Date.UTC(2026, 10, 24, 18, 30) }],
    [1795977000, { kind: 'instant', ms: 1795977000_000 }],
    [1795977000123, { kind: 'instant', ms: 1795977000123 }],
    ['1795977000', { kind: 'instant', ms: 1795977000_000 }],
    ['2026-11-24T18:30', { kind: 'floating', wall: { year: 2026, month: 11, day: 24, hour: 18, minute: 30, second: 0 } }],
    ['2026-11-24 18:30:15', { kind: 'floating', wall: { year: 2026, month: 11, day: 24, hour: 18, minute: 30, second: 15 } }],
    ['2026-11-24', { kind: 'date', date: '2026-11-24' }],
    ['20261124', { kind: 'date', date: '2026-11-24' }],
  ])('%j', (value, expected) => {
    expect(parseDateValue(value)).toEqual(expected);
  });

  it.each([['2026-02-30'], ['2026-13-01T10:00:00Z'], ['2026-11-24T25:00'], ['next tuesday'], ['Tue, 24 Nov 2026 18:30:00'], [''], [null], [0], [-5], [NaN], [{}], [true]])(
    '%j is not a date',
    (value) => {
      expect(parseDateValue(value)).toBeNull();
    },
  );
});

describe('resolveEventTimes', () => {
  it('floating times without a feed zone use the system zone, and say so', () => {
    const zone = systemTimeZone();
    expect(resolveEventTimes('2026-11-24T18:30', null)?.timeZone).toBe(zone);
  });

  it('inclusive all-day ends (schema.org) become exclusive', () => {
    expect(resolveEventTimes('2026-12-12', '2026-12-13', { inclusiveEndDate: true })).toEqual({ start: '2026-12-12', end: '2026-12-14', allDay: true, timeZone: null });
    expect(resolveEventTimes('2026-12-12', '2026-12-13')).toEqual({ start: '2026-12-12', end: '2026-12-13', allDay: true, timeZone: null });
  });

  it('a date start with a timed end ends after the end day (taken in the feed zone)', () => {
    expect(resolveEventTimes('2026-12-12', '2026-12-13T23:30:00Z', { zone: 'Europe/Paris' })?.end).toBe('2026-12-15');
  });

  it('DST: the same wall time maps to different instants across the change', () => {
    expect(resolveEventTimes('2026-03-28 19:00', null, { zone: 'Europe/Paris' })?.start).toBe('2026-03-28T18:00:00Z');
    expect(resolveEventTimes('2026-03-29 19:00', null, { zone: 'Europe/Paris' })?.start).toBe('2026-03-29T17:00:00Z');
    expect(resolveEventTimes('2026-11-01 19:00', null, { zone: 'America/Los_Angeles' })?.start).toBe('2026-11-02T03:00:00Z');
    expect(resolveEventTimes('2026-10-31 19:00', null, { zone: 'America/Los_Angeles' })?.start).toBe('2026-11-01T02:00:00Z');
  });
});
