import { describe, expect, it } from 'vitest';
import { ianaZoneForTzid } from '../../../lib/feeds/ical-zones';
import { WINDOWS_DISPLAY_NAMES, WINDOWS_ZONES } from '../../../lib/feeds/windows-zones';
import { canonicalTimeZone } from '../../../lib/time';

describe('ianaZoneForTzid', () => {
  it.each([
    ['Europe/Paris', 'Europe/Paris'],
    ['europe/paris', 'Europe/Paris'],
    ['"Europe/Paris"', 'Europe/Paris'],
    ['/mozilla.org/20050126_1/Europe/Paris', 'Europe/Paris'],
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
