/**
 * A feed's home: the town its group meets in. Many local groups publish events whose place is missing or only a
 * venue name ("Le Dôme", "Room 2"), which the gazetteer cannot place; without a home such events could never be
 * shown as near. With one, they are taken to be at the home and the popup says "place not given".
 *
 * Where a home comes from: the groups directory (a feed added from it), the user (the feed's settings), or the
 * feed's own placed events (learned). The learning rule, kept strict so a feed that is not local never floods
 * the list with its placeless events:
 * - only events the resolver placed from their own data (coordinates, structured address, text), in person;
 * - at least HOME_MIN_PLACED_EVENTS of them;
 * - at least HOME_SHARE of them within HOME_RADIUS_KM of their median point (median latitude, median longitude:
 *   one far-off conference does not drag it the way a mean would);
 * - the home is then the gazetteer town nearest that point.
 * A feed whose placed events spread wider learns no home and forgets a learned one. Fewer placed events than
 * the minimum say nothing either way: a learned home is kept. Directory and user homes are never replaced.
 *
 * Pure functions of stored data (no gazetteer import), so the pages may use them too.
 */
import type { MeetupEvent, ResolvedLocation } from '../events';
import type { FeedConfig, FeedHome, UserCity } from '../settings';
import { distanceKm, HOME_SOURCE } from './near';

export const HOME_MIN_PLACED_EVENTS = 3;
export const HOME_SHARE = 0.8;
export const HOME_RADIUS_KM = 25;


/** The feed's home; feeds stored before homes existed have none. */
export function feedHomeOf(feed: Pick<FeedConfig, 'home'>): FeedHome | null {
  return feed.home ?? null;
}

interface Point {
  lat: number;
  lon: number;
}

/** Points of the events the resolver placed from their own data. */
export function placedPoints(events: readonly MeetupEvent[]): Point[] {
  const points: Point[] = [];
  for (const event of events) {
    const resolved = event.resolved;
    if (!resolved || resolved.inPerson === false) continue;
    if (resolved.source !== 'coordinates' && resolved.source !== 'address' && resolved.source !== 'text') continue;
    if (resolved.lat === null || resolved.lon === null) continue;
    points.push({ lat: resolved.lat, lon: resolved.lon });
  }
  return points;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export type HomeVerdict =
  /** Concentrated around `centre`. */
  | { kind: 'local'; centre: Point; placed: number }
  /** Enough placed events, spread over several towns. */
  | { kind: 'spread'; placed: number }
  /** Too few placed events to tell. */
  | { kind: 'unknown'; placed: number };

export function judgeFeedHome(events: readonly MeetupEvent[]): HomeVerdict {
  const points = placedPoints(events);
  if (points.length < HOME_MIN_PLACED_EVENTS) return { kind: 'unknown', placed: points.length };
  const centre = { lat: median(points.map((p) => p.lat)), lon: median(points.map((p) => p.lon)) };
  const near = points.filter((p) => distanceKm(centre.lat, centre.lon, p.lat, p.lon) <= HOME_RADIUS_KM).length;
  return near >= HOME_SHARE * points.length
    ? { kind: 'local', centre, placed: points.length }
    : { kind: 'spread', placed: points.length };
}

export interface HomeTown {
  name: string;
  country: string;
  lat: number;
  lon: number;
}

/**
 * The feed's home after a refresh. `nearestTown` names the town nearest a point (the gazetteer); it is only
 * asked when a new home is learned.
 */
export async function nextFeedHome(
  feed: Pick<FeedConfig, 'home' | 'learnHome'>,
  events: readonly MeetupEvent[],
  nearestTown: (lat: number, lon: number) => Promise<HomeTown | null>,
): Promise<FeedHome | null> {
  const current = feedHomeOf(feed);
  if (current && current.source !== 'learned') return current;
  if (!current && feed.learnHome === false) return null;
  const verdict = judgeFeedHome(events);
  if (verdict.kind === 'unknown') return current;
  if (verdict.kind === 'spread') return null;
  // A home that still fits stays, so the town does not flip between neighbours as events come and go.
  if (current && distanceKm(current.lat, current.lon, verdict.centre.lat, verdict.centre.lon) <= HOME_RADIUS_KM) return current;
  const town = await nearestTown(verdict.centre.lat, verdict.centre.lon);
  return town ? homeOfTown(town, 'learned') : current;
}

export function sameHome(a: FeedHome | null | undefined, b: FeedHome | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return a.lat === b.lat && a.lon === b.lon && a.city === b.city && a.country === b.country && a.source === b.source;
}

/** Where an event without a usable place is put when its feed has a home. */
export function homeLocation(home: FeedHome, city: Pick<UserCity, 'lat' | 'lon'> | null, online: boolean): ResolvedLocation {
  return {
    source: HOME_SOURCE,
    city: home.city,
    country: home.country,
    lat: home.lat,
    lon: home.lon,
    distanceKm: city ? Math.round(distanceKm(city.lat, city.lon, home.lat, home.lon) * 10) / 10 : null,
    region: null,
    geonameId: null,
    postalCode: null,
    online,
    inPerson: true,
  };
}

const UNPLACED = { city: null, country: null, lat: null, lon: null, distanceKm: null, region: null, geonameId: null, postalCode: null };

/**
 * Puts a feed's home on events already resolved, without the gazetteer: unplaced in-person events go to the home,
 * events put at a former home move to the new one (or back to unplaced when the feed has none). Events the
 * resolver placed from their own data are left alone. Returns the same array when nothing changes.
 */
export function applyFeedHome(
  events: readonly MeetupEvent[],
  home: FeedHome | null,
  city: Pick<UserCity, 'lat' | 'lon'> | null,
): MeetupEvent[] {
  let changed = false;
  const out = events.map((event) => {
    const resolved = event.resolved;
    if (!resolved || (resolved.source !== 'unresolved' && resolved.source !== HOME_SOURCE) || resolved.inPerson === false) return event;
    const online = resolved.online === true;
    const next: ResolvedLocation = home ? homeLocation(home, city, online) : { ...resolved, ...UNPLACED, source: 'unresolved' };
    if (
      next.source === resolved.source && next.lat === resolved.lat && next.lon === resolved.lon &&
      next.city === resolved.city && next.distanceKm === resolved.distanceKm
    ) {
      return event;
    }
    changed = true;
    return { ...event, resolved: next };
  });
  return changed ? out : (events as MeetupEvent[]);
}

/** A town the user picked (the city search) as a feed's home. */
export function homeOfTown(town: HomeTown, source: FeedHome['source'] = 'user'): FeedHome {
  return { city: town.name, country: town.country, lat: town.lat, lon: town.lon, source };
}
