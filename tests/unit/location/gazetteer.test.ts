import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_GAZETTEER_DIR, gazetteerSizes } from '../../../scripts/build-gazetteer';
import { Gazetteer, boundedLevenshtein, fetchGazetteerLoader, lazyGazetteer } from '../../../lib/location/gazetteer';
import { normalizeName } from '../../../lib/location/normalize';
import { loadTestGazetteer } from './load-gazetteer';

let gazetteer: Gazetteer;
beforeAll(async () => {
  gazetteer = await loadTestGazetteer();
}, 120_000);

describe('city search', () => {
  it.each([
    ['Caen', 'Caen', 'FR', 'Normandie'],
    ['caen', 'Caen', 'FR', 'Normandie'],
    ['CAEN, FR', 'Caen', 'FR', 'Normandie'],
    ['Caen, France', 'Caen', 'FR', 'Normandie'],
    ['herouville saint clair', 'Hérouville-Saint-Clair', 'FR', 'Normandie'],
    ['Hérouville St Clair', 'Hérouville-Saint-Clair', 'FR', 'Normandie'],
    ['HEROUVILLE-ST-CLAIR', 'Hérouville-Saint-Clair', 'FR', 'Normandie'],
    ['st lo', 'Saint-Lô', 'FR', 'Normandie'],
    ['Cologne', 'Köln', 'DE', 'Nordrhein-Westfalen'],
    ['koln', 'Köln', 'DE', 'Nordrhein-Westfalen'],
    ['München', 'Munich', 'DE', 'Bayern'],
    ['Wien', 'Vienna', 'AT', 'Wien'],
    ['Geneva', 'Genève', 'CH', 'GE'],
    ['Paris', 'Paris', 'FR', 'Île-de-France'],
    ['Paris, Texas', 'Paris', 'US', 'Texas'],
    ['Paris, TX', 'Paris', 'US', 'Texas'],
    ['Paris, US', 'Paris', 'US', 'Texas'],
    ['Springfield, IL', 'Springfield', 'US', 'Illinois'],
    ['London, Ontario', 'London', 'CA', 'Ontario'],
    ['London', 'London', 'GB', 'England'],
    ['Mountain View, CA', 'Mountain View', 'US', 'California'],
    // Region and country together, as people write a full address.
    ['Paris, Texas, US', 'Paris', 'US', 'Texas'],
    ['Springfield, IL, USA', 'Springfield', 'US', 'Illinois'],
    ['Caen, Normandie, France', 'Caen', 'FR', 'Normandie'],
    ['London, Ontario, Canada', 'London', 'CA', 'Ontario'],
  ])('%s → %s (%s, %s)', async (query, name, country, region) => {
    const [first] = await gazetteer.search(query, 5);
    expect(first).toMatchObject({ name, country, region });
    expect(first!.geonameId).toBeGreaterThan(0);
    expect(Number.isFinite(first!.lat) && Number.isFinite(first!.lon)).toBe(true);
  });

  it('offers homonyms as a choice, largest first, each with its region', async () => {
    const results = await gazetteer.search('Paris', 10);
    const exact = results.filter((r) => r.name === 'Paris');
    expect(exact.length).toBeGreaterThanOrEqual(5);
    expect(exact[0]).toMatchObject({ country: 'FR', timeZone: 'Europe/Paris' });
    expect(exact.map((r) => r.population)).toEqual([...exact.map((r) => r.population)].sort((a, b) => b - a));
    expect(exact.some((r) => r.country === 'US' && r.region === 'Texas' && r.timeZone === 'America/Chicago')).toBe(true);
    expect(new Set(exact.map((r) => `${r.country}/${r.region}`)).size).toBe(exact.length);
  });

  it('completes prefixes while typing, keystroke by keystroke', async () => {
    const steps = ['h', 'he', 'her', 'hero', 'herou', 'herouv', 'herouvi', 'herouvil', 'herouvill', 'herouville'];
    for (const step of steps) {
      const results = await gazetteer.search(step, 8);
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) expect(r.name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')).toMatch(new RegExp(`^${step}`));
    }
    const done = await gazetteer.search('herouville', 8);
    expect(done.map((r) => r.name)).toContain('Hérouville-Saint-Clair');
    expect((await gazetteer.search('Cae', 5)).map((r) => r.name)).toContain('Caen');
  });

  it('returns nothing for an empty or meaningless query', async () => {
    expect(await gazetteer.search('', 5)).toEqual([]);
    expect(await gazetteer.search(' , ', 5)).toEqual([]);
    expect(await gazetteer.search('zzqqxx', 5)).toEqual([]);
  });
});

describe('normalization of every town name', () => {
  it('the fast path for plain names gives what the full folding gives', () => {
    // A trailing "!" is a separator, so it changes nothing but forces the full path.
    const mismatches = gazetteer.names.filter((name) => normalizeName(name) !== normalizeName(`${name}!`));
    expect(mismatches).toEqual([]);
  });
});

describe('nearest town', () => {
  it.each([
    [49.1829, -0.3707, 'Caen', 'FR'],
    [49.2109, -0.3065, 'Hérouville-Saint-Clair', 'FR'],
    [37.4220, -122.0841, 'Mountain View', 'US'],
    [52.5219, 13.4132, 'Berlin', 'DE'],
    [51.5034, -0.1276, 'London', 'GB'],
    [-36.8485, 174.7633, 'Auckland', 'NZ'],
    [48.8566, 2.3522, 'Paris', 'FR'],
  ])('%f, %f → %s', async (lat, lon, name, country) => {
    const found = await gazetteer.nearest(lat, lon);
    expect(found?.town).toMatchObject({ name, country });
    expect(found!.km).toBeLessThan(10);
  });

  it('finds nothing in the middle of the Pacific, and rejects nonsense', async () => {
    expect(await gazetteer.nearest(-40, -130)).toBeNull();
    expect(await gazetteer.nearest(Number.NaN, 2)).toBeNull();
    expect(await gazetteer.nearest(95, 2)).toBeNull();
  });

  it('gives a CityMatch for "use my position"', async () => {
    expect(await gazetteer.nearestCity(49.1829, -0.3707)).toMatchObject({ name: 'Caen', country: 'FR', timeZone: 'Europe/Paris', region: 'Normandie' });
  });
});

describe('closest names for a mistyped city', () => {
  it.each([
    ['Cean', 'Caen'],
    ['Hérouvile', 'Hérouville-Saint-Clair'],
    ['Bayeu', 'Bayeux'],
    ['Mountain Veiw', 'Mountain View'],
  ])('%s suggests %s', async (query, expected) => {
    const names = (await gazetteer.closest(query, 5)).map((c) => c.name);
    expect(names).toContain(expected);
  });

  it('bounded edit distance stops early', () => {
    expect(boundedLevenshtein('caen', 'caen', 2)).toBe(0);
    expect(boundedLevenshtein('cean', 'caen', 2)).toBe(1);
    expect(boundedLevenshtein('caen', 'caan', 2)).toBe(1);
    expect(boundedLevenshtein('caen', 'marseille', 2)).toBe(3);
  });
});

describe('packed files', () => {
  it('are small per shard and complete', async () => {
    const sizes = await gazetteerSizes();
    expect(sizes.largest.bytes).toBeLessThan(600 * 1024);
    expect(sizes.total).toBeLessThan(6 * 1024 * 1024);
    expect(gazetteer.size).toBeGreaterThan(130_000);
    expect(gazetteer.countries).toContain('FR');
    const fr = await readFile(path.join(DEFAULT_GAZETTEER_DIR, 'FR.txt'), 'utf8');
    // Border towns tz-lookup puts in Europe/Zurich or Europe/Brussels keep France's own zone.
    expect(fr.split('\n')[0]).toBe('Europe/Paris');
  });

  it('load through fetch in the extension, and a missing file is a clear, retryable error', async () => {
    const served = new Map<string, string>();
    let fail = true;
    const fakeFetch = async (url: string): Promise<Response> => {
      const file = url.replace('chrome-extension://id/gazetteer/', '');
      if (fail) return new Response('', { status: 404 });
      served.set(file, url);
      return new Response(await readFile(path.join(DEFAULT_GAZETTEER_DIR, file), 'utf8'));
    };
    const get = lazyGazetteer(fetchGazetteerLoader((p) => `chrome-extension://id${p}`, fakeFetch));
    await expect(get()).rejects.toThrow(/missing from the extension/);
    fail = false;
    const loaded = await get();
    expect(await get()).toBe(loaded);
    const [caen] = await loaded.search('Caen, FR', 1);
    expect(caen?.name).toBe('Caen');
    expect([...served.keys()].sort()).toEqual(['FR.txt', 'index.json']);
  });
});
