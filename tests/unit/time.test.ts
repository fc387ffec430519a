import { describe, expect, it } from 'vitest';
import { eventEndInstant as endMs } from '../../lib/event-time';
import type { MeetupEvent } from '../../lib/events';
import { addDaysToIsoDate, addDaysToWall, addNominalDays, canonicalTimeZone, eventStartMs, prepareZoneSpan, toUtcIso, utcMsToZonedTime, zonedTimeToUtcMs, zoneOffsetMs } from '../../lib/time';

const wall = (s: string) => {
  const [date, time] = s.split(' ') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
  return { year, month, day, hour, minute, second };
};

const partsFormats = new Map<string, Intl.DateTimeFormat>();
/** The offset as formatToParts gives the wall time, as lib/time.ts once read it for every instant: a reference that shares none of its code. */
function partsOffset(utcMs: number, zone: string): number {
  let format = partsFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short' });
    partsFormats.set(zone, format);
  }
  const parts = format.formatToParts(new Date(utcMs));
  const value = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const bc = ['B', 'BC'].includes(parts.find((p) => p.type === 'era')!.value);
  const year = bc ? 1 - value('year') : value('year');
  const date = new Date(Date.UTC(year, value('month') - 1, value('day'), value('hour'), value('minute'), value('second')));
  if (year >= 0 && year < 100) date.setUTCFullYear(year);
  return date.getTime() - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

describe('zoneOffsetMs', () => {
  it.each([
    // The second either side of a change inside a UTC day, and the same day's offsets far from it.
    ['2026-03-29T00:00:00Z', 'Europe/Paris', 3_600_000],
    ['2026-03-29T00:59:59.999Z', 'Europe/Paris', 3_600_000],
    ['2026-03-29T01:00:00Z', 'Europe/Paris', 7_200_000],
    ['2026-03-29T23:59:59Z', 'Europe/Paris', 7_200_000],
    ['2026-11-01T05:59:59Z', 'America/New_York', -14_400_000],
    ['2026-11-01T06:00:00Z', 'America/New_York', -18_000_000],
    // Paris mean time (+0:09:21) ended at local midnight, off any quarter-hour in UTC.
    ['1911-03-10T23:50:38Z', 'Europe/Paris', 561_000],
    ['1911-03-10T23:50:39Z', 'Europe/Paris', 0],
    ['2026-07-01T12:00:00Z', 'UTC', 0],
  ])('at %s in %s is %d ms', (instant, zone, offset) => {
    expect(zoneOffsetMs(Date.parse(instant), zone)).toBe(offset);
  });
});

describe('a window\'s offsets worked out at once (prepareZoneSpan)', () => {
  const DAY = 86_400_000;
  it.each([
    ...['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Africa/Casablanca', 'Asia/Gaza', 'America/Santiago', 'America/Havana', 'Asia/Beirut', 'Asia/Kolkata'].map((zone) => [zone, '2026-11-27T10:00:00Z']),
    // The closest changes the platform's data holds: a week apart.
    ['America/Boa_Vista', '2000-09-01T00:00:00Z'],
    ['Asia/Gaza', '2040-09-01T00:00:00Z'],
  ])(
    'agree with formatToParts every hour of a year and the second either side of each change in %s from %s',
    (zone, start) => {
      const from = Date.parse(start);
      const to = from + 366 * DAY;
      prepareZoneSpan(zone, from, to);
      for (let ms = from; ms < to; ms += 3_600_000) {
        const offset = partsOffset(ms, zone);
        expect(zoneOffsetMs(ms, zone), `${zone} ${new Date(ms).toISOString()}`).toBe(offset);
        if (ms > from && offset !== partsOffset(ms - 3_600_000, zone)) {
          // A change in the last hour: found to the second.
          let change = ms - 3_600_000;
          while (partsOffset(change, zone) !== offset) change += 1000;
          expect(zoneOffsetMs(change, zone)).toBe(offset);
          expect(zoneOffsetMs(change - 1, zone)).toBe(partsOffset(change - 1000, zone));
        }
      }
    },
  );

  it('leave windows of years and windows at the edge of what a Date holds to the day-by-day rule', () => {
    const end = 8_640_000_000_000_000;
    expect(() => prepareZoneSpan('Europe/Paris', end - 10 * DAY, end + 3 * DAY)).not.toThrow();
    expect(() => prepareZoneSpan('Europe/Paris', -end - 3 * DAY, -end + 10 * DAY)).not.toThrow();
    expect(() => prepareZoneSpan('Europe/Paris', Number.NaN, Date.parse('2027-01-01T00:00:00Z'))).not.toThrow();
    prepareZoneSpan('America/New_York', Date.parse('2020-01-01T00:00:00Z'), Date.parse('2030-01-01T00:00:00Z'));
    expect(zoneOffsetMs(Date.parse('2026-07-01T12:00:00Z'), 'America/New_York')).toBe(-14_400_000);
    expect(zoneOffsetMs(end - 5 * DAY, 'Europe/Paris')).toBe(partsOffset(end - 5 * DAY, 'Europe/Paris'));
  });

  it('rest on the platform\'s zones: none changes its offset twice within 4 days, this year and the next eight', () => {
    // prepareZoneSpan samples every 4 days: two changes between samples would cancel out unseen.
    const start = Date.UTC(new Date().getUTCFullYear() - 1, 0, 1);
    const end = start + 9 * 366 * DAY;
    const close: string[] = [];
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      // The wall time at each UTC midnight, as a string: the offset changed when its time of day did.
      const clock = (ms: number) => format.format(new Date(ms)).slice(-8);
      let before = clock(start);
      let lastChange = -Infinity;
      for (let day = start + DAY; day <= end; day += DAY) {
        const now = clock(day);
        if (now === before) continue;
        if (day - lastChange <= 4 * DAY) close.push(`${zone} ${new Date(lastChange).toISOString().slice(0, 10)} ${new Date(day).toISOString().slice(0, 10)}`);
        lastChange = day;
        before = now;
      }
    }
    expect(close).toEqual([]);
  }, 60_000);
});

describe('offsets read from the formatted wall time', () => {
  it.each(['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe', 'America/St_Johns', 'Africa/Casablanca'])(
    'agree with formatToParts at UTC noons from 3 BC to AD 9999 in %s',
    (zone) => {
      const instants = [-62_200_000_000_000, -62_135_596_800_000, -60_000_000_000_000, Date.UTC(50, 5, 1, 12), -2_000_000_000_000, 0, 1_798_761_600_000, 253_402_257_600_000];
      for (let day = 0; day < 400; day += 7) instants.push(Date.UTC(2026, 0, 1 + day, 12));
      for (const ms of instants) expect(zoneOffsetMs(ms, zone), new Date(ms).toISOString()).toBe(partsOffset(ms, zone));
    },
  );
});

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

  /**
   * The rule without the steady-day shortcut: the offsets a day either side, the earliest consistent one, a gap moved
   * forward; offsets from `offsetAt` (zoneOffsetMs unless told).
   */
  function byCandidates(w: ReturnType<typeof wall>, zone: string, offsetAt = (ms: number) => zoneOffsetMs(ms, zone)): number {
    const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    const before = offsetAt(naive - 86_400_000);
    const after = offsetAt(naive + 86_400_000);
    for (const offset of [before, after].sort((a, b) => b - a)) if (offsetAt(naive - offset) === offset) return naive - offset;
    return naive - Math.min(before, after);
  }

  it.each(['Europe/Paris', 'America/New_York', 'Pacific/Auckland', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kolkata', 'UTC'])(
    'the steady-day shortcut gives the candidates\' instant every 15 minutes of 2026 DST weeks in %s',
    (zone) => {
      const weeks = ['2026-03-05', '2026-03-26', '2026-04-02', '2026-09-24', '2026-10-22', '2026-10-29'];
      for (const week of weeks) {
        for (let t = Date.parse(`${week}T00:00:00Z`), end = t + 7 * 86_400_000; t < end; t += 15 * 60_000) {
          const d = new Date(t);
          const w = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: 0 };
          expect(zonedTimeToUtcMs(w, zone)).toBe(byCandidates(w, zone));
        }
      }
    },
  );

  it.each(['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'America/St_Johns', 'Africa/Casablanca', 'America/Havana'])(
    'a prepared window gives the candidates\' instant (offsets from formatToParts) every 15 minutes of its DST weeks in %s',
    (zone) => {
      prepareZoneSpan(zone, Date.parse('2026-01-01T00:00:00Z'), Date.parse('2027-01-01T00:00:00Z'));
      const reference = (ms: number) => partsOffset(ms, zone);
      // Each week around a change of the year, as the platform's zone data places them.
      const changeDays: number[] = [];
      for (let day = Date.parse('2026-01-02T00:00:00Z'); day < Date.parse('2026-12-28T00:00:00Z'); day += 86_400_000) {
        if (reference(day) !== reference(day - 86_400_000)) changeDays.push(day);
      }
      expect(changeDays.length, 'the zone changes its offset in 2026').toBeGreaterThan(zone === 'Africa/Casablanca' ? 1 : 0);
      for (const changeDay of changeDays) {
        for (let t = changeDay - 3 * 86_400_000, end = changeDay + 3 * 86_400_000; t < end; t += 15 * 60_000) {
          const d = new Date(t);
          const w = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: 0 };
          expect(zonedTimeToUtcMs(w, zone), `${zone} ${d.toISOString()}`).toBe(byCandidates(w, zone, reference));
        }
      }
    },
  );

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

describe('addNominalDays: RFC 5545 days keep the wall time', () => {
  it.each([
    // Europe leaves DST on 25 October 2026 (25-hour day), enters it on 28 March 2027 (23 hours).
    ['2026-10-24T18:00:00Z', 1, 'Europe/Paris', '2026-10-25T19:00:00Z'],
    ['2027-03-27T19:00:00Z', 1, 'Europe/Paris', '2027-03-28T18:00:00Z'],
    ['2026-10-25T19:00:00Z', -1, 'Europe/Paris', '2026-10-24T18:00:00Z'],
    ['2026-10-20T08:00:00Z', 7, 'Europe/Paris', '2026-10-27T09:00:00Z'],
    // The US leaves DST on 1 November 2026.
    ['2026-11-01T00:00:00Z', 1, 'America/New_York', '2026-11-02T01:00:00Z'],
    // New Zealand enters DST on 27 September 2026 (southern spring).
    ['2026-09-26T00:00:00Z', 1, 'Pacific/Auckland', '2026-09-26T23:00:00Z'],
    // Lord Howe moves its clocks by 30 minutes.
    ['2026-10-03T02:00:00Z', 1, 'Australia/Lord_Howe', '2026-10-04T01:30:00Z'],
    // Kiritimati skipped 31 December 1994 (UTC−10 → UTC+14): noon on the 30th + 1 day falls in that 24-hour gap
    // and moves forward by it, to noon on 1 January.
    ['1994-12-30T22:00:00Z', 1, 'Pacific/Kiritimati', '1994-12-31T22:00:00Z'],
    // No DST: 24 hours; UTC: always 24 hours; 0 days: unchanged.
    ['2026-10-24T18:00:00Z', 1, 'Asia/Tokyo', '2026-10-25T18:00:00Z'],
    ['2026-10-24T18:00:00Z', 1, 'UTC', '2026-10-25T18:00:00Z'],
    ['2026-10-24T18:00:00Z', 0, 'Europe/Paris', '2026-10-24T18:00:00Z'],
    ['2026-12-31T23:30:00Z', 1, 'Europe/Paris', '2027-01-01T23:30:00Z'],
  ] as const)('%s + %i day(s) in %s is %s', (start, days, zone, expected) => {
    expect(toUtcIso(addNominalDays(Date.parse(start), days, zone))).toBe(expected);
  });

  it('keeps milliseconds', () => {
    expect(addNominalDays(Date.parse('2026-10-24T18:00:00.250Z'), 1, 'Europe/Paris') % 1000).toBe(250);
  });

  it('adds days to wall times across months and leap days', () => {
    expect(addDaysToWall(wall('2028-02-28 23:30:00'), 1)).toEqual(wall('2028-02-29 23:30:00'));
    expect(addDaysToWall(wall('2026-12-31 08:00:00'), 1)).toEqual(wall('2027-01-01 08:00:00'));
    expect(addDaysToWall(wall('2026-03-01 08:00:00'), -1)).toEqual(wall('2026-02-28 08:00:00'));
  });
});

describe('all-day dates in zones far from UTC', () => {
  it.each([
    ['2026-12-24', 'Pacific/Kiritimati', '2026-12-23T10:00:00Z'],
    ['2026-12-24', 'Pacific/Pago_Pago', '2026-12-24T11:00:00Z'],
    ['2026-12-24', 'UTC', '2026-12-24T00:00:00Z'],
  ])('%s starts at midnight in %s', (date, zone, instant) => {
    expect(toUtcIso(eventStartMs(date, zone))).toBe(instant);
  });
});

describe('background endMs of an all-day event without an end', () => {
  const allDay = (start: string) => ({ start, end: null, allDay: true }) as unknown as MeetupEvent;
  it.each([
    // 25 October 2026 lasts 25 hours in Paris, 29 March 2026 23 hours: the end is the next midnight there.
    ['2026-10-25', 'Europe/Paris', '2026-10-25T23:00:00Z'],
    ['2026-03-29', 'Europe/Paris', '2026-03-29T22:00:00Z'],
    ['2026-12-24', 'Pacific/Kiritimati', '2026-12-24T10:00:00Z'],
    ['2026-12-24', 'Pacific/Pago_Pago', '2026-12-25T11:00:00Z'],
  ])('%s in %s ends at %s', (start, zone, end) => {
    expect(toUtcIso(endMs(allDay(start), zone))).toBe(end);
  });
});
