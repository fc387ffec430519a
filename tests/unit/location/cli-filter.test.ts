import { beforeAll, describe, expect, it } from 'vitest';
import type { Gazetteer } from '../../../lib/location/gazetteer';
import { UnknownCityError, applyCityFilterForCli, cliDefaultTimeZone, findCityForCli } from '../../../scripts/cli/city-filter';
import { userCityOf } from '../../../lib/location/city-match';
import { loadTestGazetteer } from './load-gazetteer';
import { makeEvent } from './make-event';

let gazetteer: Gazetteer;
beforeAll(async () => {
  gazetteer = await loadTestGazetteer();
}, 120_000);

describe('--city', () => {
  it.each([
    ['Caen', 'Caen', 'FR', 'Europe/Paris'],
    ['caen, fr', 'Caen', 'FR', 'Europe/Paris'],
    ['Paris', 'Paris', 'FR', 'Europe/Paris'],
    ['Paris, Texas', 'Paris', 'US', 'America/Chicago'],
    ['Cologne', 'Köln', 'DE', 'Europe/Berlin'],
    ['Auckland', 'Auckland', 'NZ', 'Pacific/Auckland'],
  ])('%s → %s, %s (%s)', async (query, name, country, zone) => {
    const { city } = await findCityForCli(gazetteer, query);
    expect(city).toMatchObject({ name, country, timeZone: zone });
    expect(cliDefaultTimeZone({ city })).toBe(zone);
    expect(userCityOf(city)).toMatchObject({ name, country, timeZone: zone, geonameId: city.geonameId });
  });

  it('lists the homonyms not taken', async () => {
    const { others } = await findCityForCli(gazetteer, 'Paris');
    expect(others.some((o) => o.country === 'US')).toBe(true);
  });

  it.each([
    ['Cean', 'Caen, Normandie, FR'],
    ['Hérouvile', 'Hérouville-Saint-Clair, Normandie, FR'],
    ['Bayeu', 'Bayeux, Normandie, FR'],
  ])('unknown city %s is a clear error listing the closest names', async (query, expected) => {
    const error = await findCityForCli(gazetteer, query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownCityError);
    expect((error as Error).message).toMatch(new RegExp(`^Unknown city "${query}"\\. Closest names: .*${expected}`));
  });

  it('without --city the default zone is the fallback (system zone)', () => {
    expect(cliDefaultTimeZone(null, 'UTC')).toBe('UTC');
  });
});

describe('applyCityFilterForCli', () => {
  const events = [
    makeEvent({ id: 'caen', location: 'Hey! Coworking (47 Quai de Juillet, Caen, France 14000)' }),
    makeEvent({ id: 'herouville', place: { lat: 49.2109, lon: -0.3065 } }),
    makeEvent({ id: 'bayeux', location: 'Médiathèque, 14400 Bayeux' }),
    makeEvent({ id: 'paris', location: 'Station F, 75013 Paris' }),
    makeEvent({ id: 'online', location: 'https://meet.jit.si/CaenCamp' }),
    makeEvent({ id: 'venue', location: 'Le Dôme' }),
  ];

  it('keeps what is near, with city, lat, lon and distanceKm', async () => {
    const { city } = await findCityForCli(gazetteer, 'Caen');
    const kept = await applyCityFilterForCli(events, { city }, gazetteer);
    expect(kept.map((e) => e.id)).toEqual(['caen', 'herouville', 'online']);
    expect(kept[0]).toMatchObject({ city: 'Caen', distanceKm: 0 });
    expect(kept[1]).toMatchObject({ city: 'Hérouville-Saint-Clair', lat: 49.2109, lon: -0.3065 });
    expect(kept[1]!.distanceKm).toBeGreaterThan(3);
    expect(kept[2]).toMatchObject({ city: null, lat: null, distanceKm: null, online: true });
  });

  it('--radius 30 takes Bayeux in; --no-online drops the online one', async () => {
    const { city } = await findCityForCli(gazetteer, 'Caen');
    const kept = await applyCityFilterForCli(events, { city, radiusKm: 30, includeOnline: false }, gazetteer);
    expect(kept.map((e) => e.id)).toEqual(['caen', 'herouville', 'bayeux']);
  });

  it('an all-local feed keeps the bare venue', async () => {
    const { city } = await findCityForCli(gazetteer, 'Caen');
    const kept = await applyCityFilterForCli(events, { city, allEventsLocal: true }, gazetteer);
    expect(kept.map((e) => e.id)).toContain('venue');
  });
});
