import { describe, expect, it } from 'vitest';
import { isoOf } from '../../../lib/feeds/ical/values';
import { ianaZoneForTzid, zonedWallToUtcMs } from '../../../lib/feeds/ical/zones';
import { WINDOWS_DISPLAY_NAMES, WINDOWS_ZONES } from '../../../lib/feeds/ical/windows-zones';
import { canonicalTimeZone, toUtcIso, zonedTimeToUtcMs } from '../../../lib/time';

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
  it.each(['Europe/Paris', 'America/New_York', 'Pacific/Auckland', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kolkata', 'UTC'])(
    'zonedWallToUtcMs = zonedTimeToUtcMs every 15 minutes of 2026 DST weeks in %s',
    (zone) => {
      const weeks = ['2026-03-05', '2026-03-26', '2026-04-02', '2026-09-24', '2026-10-22', '2026-10-29'];
      for (const week of weeks) {
        for (let t = Date.parse(`${week}T00:00:00Z`), end = t + 7 * 86_400_000; t < end; t += 15 * 60_000) {
          const d = new Date(t);
          const wall = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: 0 };
          expect(zonedWallToUtcMs(wall, zone)).toBe(zonedTimeToUtcMs(wall, zone));
        }
      }
    },
  );

  it('isoOf = toUtcIso', () => {
    const samples = [0, 951_782_400_000, 1_709_164_800_000, 1_798_761_599_000, 4_107_542_400_000];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor((i * 7_919_993_413) % 4_102_444_800_000) * 1000 / 1000);
    for (const ms of samples) expect(isoOf(ms)).toBe(toUtcIso(ms));
  });
});
