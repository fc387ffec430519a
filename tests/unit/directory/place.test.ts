import { beforeAll, describe, expect, it } from 'vitest';
import type { Gazetteer } from '../../../lib/location/gazetteer';
import { Placer } from '../../../scripts/directory/place';
import type { PlaceHint } from '../../../scripts/directory/types';
import { loadTestGazetteer } from '../location/load-gazetteer';

let placer: Placer;
beforeAll(async () => {
  const gazetteer: Gazetteer = await loadTestGazetteer();
  placer = new Placer(gazetteer);
}, 60_000);

describe('placing a group with the gazetteer', () => {
  it.each<[string, PlaceHint, string, string]>([
    ['a city and country', { city: 'Lyon', country: 'France' }, 'Lyon', 'FR'],
    ['NYC', { city: 'NYC', region: 'New York', country: 'USA' }, 'New York City', 'US'],
    ['New York', { city: 'New York', region: 'NY', country: 'US' }, 'New York City', 'US'],
    ['Bay Area', { city: 'Bay Area', country: 'USA' }, 'San Francisco', 'US'],
    ['Zurich', { city: 'Zurich', country: 'Switzerland' }, 'Zürich', 'CH'],
    ['Montreal', { city: 'Montreal', country: 'Canada' }, 'Montréal', 'CA'],
    ['Washington DC', { city: 'Washington DC', country: 'US' }, 'Washington, D.C.', 'US'],
    ['"DC"', { city: 'DC', country: 'USA' }, 'Washington, D.C.', 'US'],
    ['a metro area', { city: 'Atlanta Metro', country: 'USA' }, 'Atlanta', 'US'],
    ['Greater X', { city: 'Greater Boston', country: 'USA' }, 'Boston', 'US'],
    ['twin cities with a dash', { city: 'Minneapolis-Saint Paul', region: 'Minnesota', country: 'USA' }, 'Minneapolis', 'US'],
    ['a state appended (OWASP)', { city: 'Portland Me', country: 'USA' }, 'Portland', 'US'],
    ['a country appended (OWASP)', { city: 'Birmingham Uk', country: 'United Kingdom' }, 'Birmingham', 'GB'],
    ['England (UK) as country', { city: 'London', country: 'England (UK)' }, 'London', 'GB'],
    ['a homonym, by country', { city: 'London', country: 'Canada' }, 'London', 'CA'],
    ['a region that decides', { city: 'Portland', region: 'Maine', country: 'USA' }, 'Portland', 'US'],
    ['Newcastle, UK (not the village in Northern Ireland)', { city: 'Newcastle', country: 'United Kingdom' }, 'Newcastle upon Tyne', 'GB'],
    ['Queretaro', { city: 'Queretaro', country: 'Mexico' }, 'Santiago de Querétaro', 'MX'],
    ['a country written "Korea (South)"', { city: 'Seoul', country: 'Korea (South)' }, 'Seoul', 'KR'],
    ['an alias whose country differs from the list’s', { city: 'Hong Kong', country: 'China' }, 'Hong Kong', 'HK'],
  ])('%s', async (_label, hint, city, country) => {
    const placed = await placer.place(hint);
    expect(placed.ok ? [placed.place.city, placed.place.country] : placed.reason).toEqual([city, country]);
  });

  it('takes the region into account: Portland, Maine is not Portland, Oregon', async () => {
    const maine = await placer.place({ city: 'Portland', region: 'Maine', country: 'USA' });
    expect(maine.ok && maine.place.coordinates.lon).toBeGreaterThan(-71);
  });

  it.each<[string, PlaceHint, RegExp]>([
    ['a country as city', { city: 'Belgium', country: 'Belgium' }, /no town named "Belgium, Belgium"/],
    ['a region, not a town', { city: 'Northern Virginia', country: 'USA' }, /no town named/],
    ['an unknown country', { city: 'Remote', country: 'Worldwide' }, /unknown country "Worldwide"/],
    ['no city at all', { city: null, country: 'US' }, /gives no city/],
    ['a US state named like a town elsewhere', { city: 'Delaware', country: 'USA' }, /"Delaware" is a US state, not a city/],
    ['a university chapter', { city: 'University Of Exeter', country: 'United Kingdom' }, /no town named/],
  ])('leaves out %s, saying why', async (_label, hint, reason) => {
    const placed = await placer.place(hint);
    expect(placed.ok ? 'placed' : placed.reason).toMatch(reason);
  });

  describe('coordinates given by the list', () => {
    it('keeps them, named after the town the group name names', async () => {
      const placed = await placer.place({ city: null, country: 'Germany', coordinates: { lat: 52.5200066, lon: 13.404954 }, texts: ['Berlin KUG'] });
      expect(placed).toEqual({ ok: true, place: { city: 'Berlin', country: 'DE', coordinates: { lat: 52.52, lon: 13.405 } } });
    });

    it.each<[string, PlaceHint, RegExp]>([
      ['a group named after its country, at the country’s middle', { city: null, country: 'Switzerland', coordinates: { lat: 46.818188, lon: 8.227512 }, texts: ['Swiss KUG'] }, /named after a country/],
      ['a name and a point that disagree', { city: null, country: 'Brazil', coordinates: { lat: -21.2922457, lon: -50.3428431 }, texts: ['Sao Paulo Kotlin Meetup'] }, /named after São Paulo, but its coordinates/],
    ])('leaves out %s', async (_label, hint, reason) => {
      const placed = await placer.place(hint);
      expect(placed.ok ? 'placed' : placed.reason).toMatch(reason);
    });
  });

  describe('a list without a city field (Cron-Quiles)', () => {
    it.each<[string, string[], string]>([
      ['the name', ['Elixir Mexico City', 'elixir mexico city', ''], 'Mexico City'],
      ['CDMX', ['Python CDMX', '', ''], 'Mexico City'],
      ['the description', ['AWS User Group Jalisco', 'amazon web services jalisco', 'User Group oficial de AWS en Guadalajara.'], 'Guadalajara'],
    ])('finds the city in %s', async (_label, texts, city) => {
      const placed = await placer.place({ city: null, country: 'MX', texts });
      expect(placed.ok ? placed.place.city : placed.reason).toBe(city);
    });

    it('never takes the country name for a city', async () => {
      const placed = await placer.place({ city: null, country: 'MX', texts: ['PHP Mexico', 'php mexico', 'Comunidad de PHP en México.'] });
      expect(placed.ok ? placed.place.city : placed.reason).toMatch(/no city named/);
    });
  });
});
