/**
 * Feed list v1 → v2: the "all events local" tick becomes a feed home (lib/location/feed-home.ts). The tick
 * meant "every event of this feed is in my town", so a ticked feed gets the user's city as a home set by the
 * user; without a city there is no town to name, and the feed learns its home from its events instead.
 */
import type { FeedConfig, FeedHome, UserCity } from '../settings';

/** A v1 feed as stored: every field of today's but the home, and the tick. */
export type FeedConfigV1 = Omit<FeedConfig, 'home' | 'learnHome'> & { allEventsLocal?: boolean };

/** The home an "all events local" tick stands for. */
export function homeOfAllEventsLocal(allEventsLocal: unknown, city: Pick<UserCity, 'name' | 'country' | 'lat' | 'lon'> | null): FeedHome | null {
  if (allEventsLocal !== true || !city) return null;
  return { city: city.name, country: city.country, lat: city.lat, lon: city.lon, source: 'user' };
}

export function migrateFeedsToV2(old: unknown, city: Pick<UserCity, 'name' | 'country' | 'lat' | 'lon'> | null): FeedConfig[] {
  if (!Array.isArray(old)) return [];
  return old.map((feed: FeedConfigV1 & Partial<Pick<FeedConfig, 'home'>>) => {
    const { allEventsLocal, ...rest } = feed;
    // Running it twice changes nothing: a home already there is kept.
    return { ...rest, home: feed.home ?? homeOfAllEventsLocal(allEventsLocal, city) };
  });
}
