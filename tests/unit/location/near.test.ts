import { describe, expect, it } from 'vitest';
import type { ResolvedLocation } from '../../../lib/events';
import { distanceKm, eventDistanceKm, isNearUser, type NearFilter } from '../../../lib/location/near';
import { defaultTimeZoneFor } from '../../../lib/location/default-zone';
import { CAEN } from './load-gazetteer';
import { makeEvent } from './make-event';

const filter = (over: Partial<NearFilter> = {}): NearFilter => ({
  city: CAEN,
  radiusKm: 25,
  includeOnline: true,
  ...over,
});

const at = (lat: number | null, lon: number | null, extra: Partial<ResolvedLocation> = {}): ResolvedLocation => ({
  source: lat === null ? 'unresolved' : 'coordinates',
  city: null,
  country: null,
  lat,
  lon,
  distanceKm: null,
  online: false,
  inPerson: true,
  ...extra,
});

// GeoNames town centres, measured from Caen's.
const HEROUVILLE = at(49.21088, -0.30653);
const BAYEUX = at(49.27732, -0.7039);
const LISIEUX = at(49.14660, 0.22925);
const PARIS = at(48.85341, 2.3488);

describe('distanceKm', () => {
  it.each([
    [HEROUVILLE, 4, 5],
    [BAYEUX, 26, 28],
    [LISIEUX, 42, 44],
    [PARIS, 199, 203],
  ])('Caen → %o is between %i and %i km', (where, min, max) => {
    const km = distanceKm(CAEN.lat, CAEN.lon, where.lat!, where.lon!);
    expect(km).toBeGreaterThan(min);
    expect(km).toBeLessThan(max);
  });
});

describe('isNearUser', () => {
  it.each([
    ['a suburb 4.7 km away', makeEvent({}), HEROUVILLE, filter(), true],
    ['Bayeux, 27 km away, at 25 km', makeEvent({}), BAYEUX, filter(), false],
    ['Bayeux at 30 km', makeEvent({}), BAYEUX, filter({ radiusKm: 30 }), true],
    ['Paris', makeEvent({}), PARIS, filter(), false],
    ['an online-only event', makeEvent({ online: true }), at(null, null, { source: 'online', online: true, inPerson: false }), filter(), true],
    ['an online-only event, online excluded', makeEvent({ online: true }), at(null, null, { source: 'online', online: true, inPerson: false }), filter({ includeOnline: false }), false],
    ['a mixed event far away, online included', makeEvent({ online: true }), { ...PARIS, online: true }, filter(), true],
    ['a mixed event far away, online excluded', makeEvent({ online: true }), { ...PARIS, online: true }, filter({ includeOnline: false }), false],
    ['a mixed event nearby, online excluded', makeEvent({ online: true }), { ...HEROUVILLE, online: true }, filter({ includeOnline: false }), true],
    ['an unresolved venue', makeEvent({ location: 'Le Dôme' }), at(null, null), filter(), false],
    ['an unresolved venue put at its feed\'s home in Hérouville', makeEvent({ location: 'Le Dôme', feedId: 'local-group' }), { ...HEROUVILLE, source: 'feed' as const, city: 'Hérouville-Saint-Clair' }, filter(), true],
    ['an unresolved venue put at its feed\'s home in Paris', makeEvent({ location: 'Le Dôme', feedId: 'local-group' }), { ...PARIS, source: 'feed' as const, city: 'Paris' }, filter(), false],
    ['a far event from a feed with a home here: its own place wins', makeEvent({ feedId: 'local-group' }), PARIS, filter(), false],
    ['an online-only event from a feed with a home, online excluded', makeEvent({ online: true, feedId: 'local-group' }), at(null, null, { source: 'online', online: true, inPerson: false }), filter({ includeOnline: false }), false],
    ['no city chosen yet: in person shown', makeEvent({}), PARIS, filter({ city: null }), true],
    ['no city chosen yet: online per the setting', makeEvent({ online: true }), at(null, null, { source: 'online', online: true, inPerson: false }), filter({ city: null, includeOnline: false }), false],
  ])('%s → %s', (_label, event, resolved, f, expected) => {
    expect(isNearUser({ ...event, resolved }, f)).toBe(expected);
  });

  it('before resolution, falls back to the place coordinates and the reader’s online flag', () => {
    expect(isNearUser(makeEvent({ place: { lat: 49.21, lon: -0.31 } }), filter())).toBe(true);
    expect(isNearUser(makeEvent({ place: { lat: 48.85, lon: 2.35 } }), filter())).toBe(false);
    expect(isNearUser(makeEvent({ online: true }), filter({ includeOnline: false }))).toBe(false);
    expect(isNearUser(makeEvent({ location: 'Le Dôme' }), filter())).toBe(false);
  });

  it('once resolved, an unusable GEO (0,0) in the place is not used again', () => {
    const event = { ...makeEvent({ place: { lat: 0, lon: 0 } }), resolved: at(null, null) };
    expect(eventDistanceKm(event, CAEN)).toBeNull();
  });

  it('distance is measured against the current city, so a new city needs no re-resolution', () => {
    const event = { ...makeEvent({}), resolved: { ...BAYEUX, distanceKm: 27 } };
    expect(eventDistanceKm(event, { lat: 49.27732, lon: -0.7039 })).toBeCloseTo(0, 5);
    expect(isNearUser(event, filter({ city: { lat: 49.27732, lon: -0.7039 } }))).toBe(true);
  });
});

describe('defaultTimeZoneFor', () => {
  it.each([
    [{ timeZone: 'Europe/Paris' }, null, 'Europe/Paris'],
    [{ timeZone: 'europe/paris' }, null, 'Europe/Paris'],
    [{ timeZone: 'Europe/Paris' }, { timeZone: 'America/New_York' }, 'America/New_York'],
    [{ timeZone: null }, null, 'Pacific/Chatham'],
    [{ timeZone: 'Not/AZone' }, { timeZone: null }, 'Pacific/Chatham'],
    [null, null, 'Pacific/Chatham'],
  ])('city %o, feed %o → %s', (city, feed, expected) => {
    expect(defaultTimeZoneFor(city, feed, 'Pacific/Chatham')).toBe(expected);
  });

  it('falls back to the system zone', () => {
    expect(defaultTimeZoneFor(null)).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
