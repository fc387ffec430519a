import { describe, expect, it } from 'vitest';
import { isoOf } from '../../../lib/feeds/ical/values';
import { ianaZoneForTzid } from '../../../lib/feeds/ical/zones';
import { WINDOWS_DISPLAY_NAMES, WINDOWS_ZONES } from '../../../lib/feeds/ical/windows-zones';
import { parseICal } from '../../../lib/feeds/ical';
import { canonicalTimeZone, toUtcIso, zonedTimeToUtcMs } from '../../../lib/time';
import { calendar, vevent } from './ical-helpers';

describe('ianaZoneForTzid', () => {
  it.each([
    ['Europe/Paris', 'Europe/Paris'],
    ['europe/paris', 'Europe/Paris'],
    ['"Europe/Paris"', 'Europe/Paris'],
    ['/mozilla.org/20050126_1/Europe/Paris', 'Europe/Paris'],
    ['/Europe/London', 'Europe/London'],
    ['/softwarestudio.org/Olson_20011030_5/America/New_York', 'America/New_York'],
    ['/citadel.org/20190914_1/Europe/Berlin', 'Europe/Berlin'],
    ['Romance Standard Time', 'Europe/Paris'],
    ['romance standard time', 'Europe/Paris'],
    ['Eastern Standard Time 1', 'America/New_York'],
    ['"Pacific Standard Time"', 'America/Los_Angeles'],
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['GMT Standard Time', 'Europe/London'],
    ['AUS Eastern Standard Time', 'Australia/Sydney'],
    ['New Zealand Standard Time', 'Pacific/Auckland'],
    ['India Standard Time', canonicalTimeZone('Asia/Kolkata')],
    ['UTC', 'UTC'],
    ['(UTC+01:00) Brussels, Copenhagen, Madrid, Paris', 'Europe/Paris'],
    ['(GMT+01:00) Brussels, Copenhagen, Madrid, Paris', 'Europe/Paris'],
    ['(UTC-05:00) Eastern Time (US & Canada)', 'America/New_York'],
    // Not in the display table: the cities still name a zone.
    ['(UTC+01:00) Lyon, Paris', 'Europe/Paris'],
    ['Customized Time Zone', null],
    ['Mars Standard Time', null],
    ['', null],
    [null, null],
  ])('%j → %s', (tzid, zone) => {
    expect(ianaZoneForTzid(tzid)).toBe(zone);
  });

  it('ships the whole CLDR "001" table, every entry known to the platform', () => {
    expect(Object.keys(WINDOWS_ZONES).length).toBeGreaterThanOrEqual(135);
    for (const zone of [...Object.values(WINDOWS_ZONES), ...Object.values(WINDOWS_DISPLAY_NAMES)]) {
      expect(canonicalTimeZone(zone), zone).not.toBeNull();
    }
  });
});

describe('fast paths agree with lib/time.ts', () => {
  it('isoOf = toUtcIso', () => {
    const samples = [0, 951_782_400_000, 1_709_164_800_000, 1_798_761_599_000, 4_107_542_400_000];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor((i * 7_919_993_413) % 4_102_444_800_000) * 1000 / 1000);
    for (const ms of samples) expect(isoOf(ms)).toBe(toUtcIso(ms));
  });
});

describe('events near the window edges in zones far from UTC', () => {
  // Read without their instants when the wall times alone put them outside the window: the extreme offsets must
  // not move an event across an edge. Each event lasts one hour; its start is moved across both edges in steps.
  it.each(['Pacific/Kiritimati', 'Pacific/Niue', 'Pacific/Chatham', 'Asia/Kolkata', 'UTC'])('%s', (zone) => {
    const from = Date.parse('2026-12-01T00:00:00Z');
    const to = Date.parse('2027-01-01T00:00:00Z');
    const starts: number[] = [];
    for (const edge of [from, to]) for (let h = -40; h <= 40; h += 1) starts.push(edge + h * 3_600_000 + 30 * 60_000);
    const wall = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '');
    const lines = starts.flatMap((start, i) =>
      vevent(`UID:e${i}`, `DTSTART;TZID=${zone}:${wall(start)}`, `DTEND;TZID=${zone}:${wall(start + 3_600_000)}`, 'SUMMARY:Edge'),
    );
    const events = parseICal(calendar(...lines), { feedId: 'f', now: from, from, to });
    const expected = starts
      .map((start, i) => ({ i, startMs: zonedInstant(start, zone), endMs: zonedInstant(start + 3_600_000, zone) }))
      .filter(({ startMs, endMs }) => startMs < to && endMs >= from)
      .map(({ i }) => `e${i}`);
    expect(events.events.map((e) => e.uid).sort()).toEqual(expected.sort());
  });

  /** The instant of the wall time written as `naive` (Date.UTC of its fields) in `zone`. */
  function zonedInstant(naive: number, zone: string): number {
    const d = new Date(naive);
    return zonedTimeToUtcMs({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: 0 }, zone);
  }
});
