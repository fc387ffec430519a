import { describe, expect, it } from 'vitest';
import { addDaysToIsoDate, canonicalTimeZone, toUtcIso, utcMsToZonedTime, zonedTimeToUtcMs } from '../../lib/time';

const wall = (s: string) => {
  const [date, time] = s.split(' ') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
  return { year, month, day, hour, minute, second };
};

describe('zonedTimeToUtcMs', () => {
  it.each([
    ['2026-11-24 18:30:00', 'Europe/Paris', '2026-11-24T17:30:00Z'],
    ['2026-07-01 18:30:00', 'Europe/Paris', '2026-07-01T16:30:00Z'],
    // DST weeks: Europe moves on 29 March 2026, the US on 8 March 2026.
    ['2026-03-28 19:00:00', 'Europe/Paris', '2026-03-28T18:00:00Z'],
    ['2026-03-29 19:00:00', 'Europe/Paris', '2026-03-29T17:00:00Z'],
    ['2026-03-12 19:00:00', 'America/New_York', '2026-03-12T23:00:00Z'],
    ['2026-03-05 19:00:00', 'America/New_York', '2026-03-06T00:00:00Z'],
    // In the spring-forward gap, 02:30 does not exist: moved forward by the gap.
    ['2026-03-29 02:30:00', 'Europe/Paris', '2026-03-29T01:30:00Z'],
    // In the autumn overlap, 02:30 happens twice: the first one wins.
    ['2026-10-25 02:30:00', 'Europe/Paris', '2026-10-25T00:30:00Z'],
    ['2026-11-24 18:30:00', 'UTC', '2026-11-24T18:30:00Z'],
    ['2026-11-24 18:30:00', 'Asia/Kolkata', '2026-11-24T13:00:00Z'],
    ['2026-11-24 18:30:00', 'Australia/Sydney', '2026-11-24T07:30:00Z'],
  ])('%s in %s is %s', (local, zone, utc) => {
    expect(toUtcIso(zonedTimeToUtcMs(wall(local), zone))).toBe(utc);
  });

  it('round-trips through utcMsToZonedTime', () => {
    const ms = Date.parse('2026-10-25T01:30:00Z');
    expect(utcMsToZonedTime(ms, 'Europe/Paris')).toEqual(wall('2026-10-25 02:30:00'));
  });
});

describe('dates and zones', () => {
  it('adds days to all-day dates without shifting', () => {
    expect(addDaysToIsoDate('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDaysToIsoDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToIsoDate('2028-02-28', 1)).toBe('2028-02-29');
  });
  it.each([
    ['Europe/Paris', 'Europe/Paris'],
    ['europe/paris', 'Europe/Paris'],
    ['Romance Standard Time', null],
    ['Not/AZone', null],
  ])('canonicalTimeZone(%s) = %s', (zone, expected) => {
    expect(canonicalTimeZone(zone)).toBe(expected);
  });
});
