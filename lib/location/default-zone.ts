/**
 * The zone floating times (no TZID, no Z) are read in: the feed's own setting, else the user's city's zone
 * (issue #3), else the system's. Shared by the background and the CLI so both read a feed the same way.
 */
import type { FeedConfig, UserCity } from '../settings';
import { canonicalTimeZone, systemTimeZone } from '../time';

export function defaultTimeZoneFor(
  city: Pick<UserCity, 'timeZone'> | null | undefined,
  feed?: Pick<FeedConfig, 'timeZone'> | null,
  fallback: string = systemTimeZone(),
): string {
  return canonicalTimeZone(feed?.timeZone) ?? canonicalTimeZone(city?.timeZone) ?? fallback;
}
