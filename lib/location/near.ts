/**
 * "Near me", as pure functions of stored data: no gazetteer here, so the popup can import this freely.
 * The background resolves where each event is (lib/location/resolve) and stores it on `event.resolved`;
 * distances are computed again here against the current city, so changing the city needs no re-parse.
 */
import type { MeetupEvent } from '../events';
import type { Settings, UserCity } from '../settings';

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle (haversine) distance in km. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface NearFilter {
  city: Pick<UserCity, 'lat' | 'lon'> | null;
  radiusKm: number;
  includeOnline: boolean;
}

/**
 * The near-me filter the settings describe: the one rule for the popup, its index, the badge and notifications.
 * Feeds play no part: an event without a usable place already sits at its feed's home (lib/location/feed-home.ts).
 */
export function nearFilterOf(settings: Pick<Settings, 'city' | 'radiusKm' | 'includeOnline'>): NearFilter {
  return { city: settings.city, radiusKm: settings.radiusKm, includeOnline: settings.includeOnline };
}

/** The source the resolver gives an event it put at its feed's home (lib/location/feed-home.ts). */
export const HOME_SOURCE = 'feed' as const;

/** The popup's "place not given": the event named no place the gazetteer knows, so it is shown at its feed's home. */
export function isPlacedAtHome(event: Pick<MeetupEvent, 'resolved'>): boolean {
  return event.resolved?.source === HOME_SOURCE;
}

/** Where, in a word: the resolved town, else what the feed wrote; nothing for an online-only event. */
export function eventTown(event: Pick<MeetupEvent, 'online' | 'location' | 'resolved' | 'place'>): string {
  if (event.online && !event.location) return '';
  return event.resolved?.city ?? event.place?.locality ?? event.location ?? '';
}

/** Distance from the user's city to where the event was resolved, or null when unknown. */
export function eventDistanceKm(event: MeetupEvent, city: NearFilter['city']): number | null {
  // Once resolved, only the resolver's answer counts: it has already rejected unusable GEO values (0,0…).
  const where = event.resolved ?? event.place;
  const lat = where?.lat ?? null;
  const lon = where?.lon ?? null;
  if (!city || lat === null || lon === null) return null;
  return distanceKm(city.lat, city.lon, lat, lon);
}

/** Online markers found by the reader or the resolver (meeting link, VirtualLocation, "Online event"…). */
export function isOnline(event: Pick<MeetupEvent, 'online' | 'resolved'>): boolean {
  return event.online || event.resolved?.online === true;
}

/**
 * Held at a physical place, as the resolver decided (a Meetup "Online event" with the group's GEO is not). Before
 * the resolver has run, an event is in person unless it is marked online and nothing places it.
 */
export function isInPerson(event: Pick<MeetupEvent, 'online' | 'resolved' | 'place'>, placed = hasCoordinates(event)): boolean {
  return event.resolved?.inPerson ?? (!isOnline(event) || placed);
}

function hasCoordinates(event: Pick<MeetupEvent, 'resolved' | 'place'>): boolean {
  const where = event.resolved ?? event.place;
  return where?.lat != null && where?.lon != null;
}

/**
 * The near-me filter. An event may be in person, online, or both (mixed):
 * - online (reader flag, VirtualLocation, meeting link…): kept when the user includes online events;
 * - in person: kept within the radius (great-circle); an event placed at its feed's home counts from there;
 * - in person but unplaceable (from a feed without a home): not kept.
 * With no city chosen yet nothing can be placed, so everything is shown (online per the setting).
 */
export function isNearUser(event: MeetupEvent, filter: NearFilter): boolean {
  const online = isOnline(event);
  const distance = eventDistanceKm(event, filter.city);
  const inPerson = isInPerson(event, distance !== null);
  if (online && filter.includeOnline) return true;
  if (!inPerson) return false;
  if (!filter.city) return true;
  return distance !== null && distance <= filter.radiusKm;
}
