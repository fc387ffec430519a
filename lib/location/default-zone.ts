/**
 * The zones floating times (no TZID, no Z) are read in. Order, for every reader: the user's per-feed zone
 * (explicit), then the zone the feed declares itself (X-WR-TIMEZONE, a JSON list's `timezone`), then the user's
 * city's zone, then the system's. Shared by the background and the CLI so both read a feed the same way.
 */
import type { ParseOptions } from '../events';
import type { FeedConfig, UserCity } from '../settings';
import { canonicalTimeZone, systemTimeZone } from '../time';

/**
 * The zone to fall back on: the feed's own setting when given, else the city's, else `fallback` (the system's).
 * For parsing, pass feedZoneOptions instead: a feed's declared zone must rank between the two.
 */
export function defaultTimeZoneFor(
  city: Pick<UserCity, 'timeZone'> | null | undefined,
  feed?: Pick<FeedConfig, 'timeZone'> | null,
  fallback: string = systemTimeZone(),
): string {
  return canonicalTimeZone(feed?.timeZone) ?? canonicalTimeZone(city?.timeZone) ?? fallback;
}

/**
 * The zone options of parseFeed for one feed: its per-feed setting as `feedTimeZone` (wins over what the feed
 * declares), the city's zone (else the system's) as `defaultTimeZone` (loses to it).
 */
export function feedZoneOptions(
  city: Pick<UserCity, 'timeZone'> | null | undefined,
  feed?: Pick<FeedConfig, 'timeZone'> | null,
  fallback: string = systemTimeZone(),
): Required<Pick<ParseOptions, 'feedTimeZone' | 'defaultTimeZone'>> {
  return { feedTimeZone: canonicalTimeZone(feed?.timeZone), defaultTimeZone: defaultTimeZoneFor(city, null, fallback) };
}
