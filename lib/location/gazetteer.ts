/**
 * The offline gazetteer at run time: a name index (index.json, loaded once) and per-country shards with
 * coordinates, admin codes and zones (loaded on demand). Files come through a loader, so the same code reads
 * them with `fetch(browser.runtime.getURL(...))` in the background and from disk in Node (scripts/cli/node-gazetteer.ts).
 */
import type { CityMatch } from './city-match';
import { distanceKm } from './near';
import {
  GAZETTEER_FORMAT_VERSION,
  INDEX_FILE,
  cellOf,
  decodeCoord,
  shardFile,
  type PackedIndex,
} from './gazetteer-format';
import { normalizeName, normalizePrefix } from './normalize';
import { adminCodesMatching, countryFromText, regionName, regionsNamed } from './regions';

/** Reads one packed file (`index.json`, `FR.txt`) as text. */
export type GazetteerLoader = (file: string) => Promise<string>;

/** A town with everything the resolver weighs; `row` is its place in the global index. */
export interface Town extends CityMatch {
  row: number;
  admin: string;
  /** Department (FR) or province (ES) number its postal codes start with; '' when unknown. */
  postalPrefix: string;
}

interface Shard {
  ids: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  admin: string[];
  zone: Array<string | null>;
  postalPrefix: string[];
  /** Local rows per 1° cell, for nearest-town look-ups. */
  cells: Map<number, number[]>;
}

/** Query qualifiers after a comma: "Caen, FR", "Paris, Texas", "Springfield, IL". */
interface Qualifier {
  countries: Set<string>;
  regions: Array<{ country: string; admin: string }>;
}

export class Gazetteer {
  readonly countries: string[];
  private readonly countryIndex = new Map<string, number>();
  private readonly countryStart: Int32Array;
  private readonly countryOfRow: Uint16Array;
  readonly names: string[];
  private readonly population: Float64Array;
  /** Every normalized key, sorted, with its row, for prefix search. */
  private readonly sortedKeys: string[];
  private readonly sortedRows: Int32Array;
  private readonly cellCountries = new Map<number, number[]>();
  private readonly shards = new Map<string, Promise<Shard>>();
  private readonly loadedShards = new Map<string, Shard>();
  readonly knownCountries: ReadonlySet<string>;

  private constructor(index: PackedIndex, private readonly loader: GazetteerLoader) {
    this.countries = Object.keys(index.countries).sort();
    this.knownCountries = new Set(this.countries);
    const starts: number[] = [];
    const names: string[] = [];
    const pops: number[] = [];
    const countryOfRow: number[] = [];
    this.countries.forEach((country, ci) => {
      this.countryIndex.set(country, ci);
      const packed = index.countries[country]!;
      starts.push(names.length);
      const countryNames = packed.names.split('|');
      const countryPops = packed.pop.split(',');
      for (let i = 0; i < countryNames.length; i++) {
        names.push(countryNames[i]!);
        pops.push(parseInt(countryPops[i] ?? '0', 36) || 0);
        countryOfRow.push(ci);
      }
      if (packed.cells) {
        for (const cell of packed.cells.split(',')) {
          const id = parseInt(cell, 36);
          let list = this.cellCountries.get(id);
          if (!list) this.cellCountries.set(id, (list = []));
          list.push(ci);
        }
      }
    });
    starts.push(names.length);
    this.countryStart = Int32Array.from(starts);
    this.countryOfRow = Uint16Array.from(countryOfRow);
    this.names = names;
    this.population = Float64Array.from(pops);

    // One sorted key list serves exact look-ups and prefixes alike (binary search), so no map is built. The
    // shards list their towns in key order, so this sort only merges 246 sorted runs plus the aliases.
    const keys: string[] = names.map(normalizeName);
    const rowOfKey: number[] = keys.map((_, row) => row);
    for (const [alias, country, localRow] of index.aliases) {
      const ci = this.countryIndex.get(country);
      if (ci === undefined) continue;
      keys.push(normalizeName(alias));
      rowOfKey.push(this.countryStart[ci]! + localRow);
    }
    const order = rowOfKey.map((_, i) => i);
    order.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
    this.sortedKeys = order.map((i) => keys[i]!);
    this.sortedRows = Int32Array.from(order, (i) => rowOfKey[i]!);
  }

  static async load(loader: GazetteerLoader): Promise<Gazetteer> {
    const index = JSON.parse(await loader(INDEX_FILE)) as PackedIndex;
    if (index.version !== GAZETTEER_FORMAT_VERSION) {
      throw new Error(`Gazetteer format ${index.version} is not the expected ${GAZETTEER_FORMAT_VERSION}: rebuild it.`);
    }
    return new Gazetteer(index, loader);
  }

  get size(): number {
    return this.names.length;
  }

  countryOf(row: number): string {
    return this.countries[this.countryOfRow[row]!]!;
  }

  populationOf(row: number): number {
    return this.population[row]!;
  }

  /** Rows whose normalized name (or alias) is exactly `key`, largest first. */
  rowsNamed(key: string): readonly number[] {
    if (!key) return [];
    const rows: number[] = [];
    for (let i = lowerBound(this.sortedKeys, key); i < this.sortedKeys.length && this.sortedKeys[i] === key; i++) {
      const row = this.sortedRows[i]!;
      if (!rows.includes(row)) rows.push(row);
    }
    return rows.length > 1 ? rows.sort((a, b) => this.population[b]! - this.population[a]!) : rows;
  }

  /** Loads the shards of these countries (cached). */
  async loadCountries(countries: Iterable<string>): Promise<void> {
    await Promise.all([...new Set(countries)].map((c) => this.shard(c)));
  }

  private shard(country: string): Promise<Shard> {
    let pending = this.shards.get(country);
    if (!pending) {
      pending = this.loader(shardFile(country)).then((text) => {
        const shard = parseShard(text);
        this.loadedShards.set(country, shard);
        return shard;
      });
      // A failed load (e.g. a file missing from a broken build) may be retried later.
      pending.catch(() => this.shards.delete(country));
      this.shards.set(country, pending);
    }
    return pending;
  }

  /** The town at `row`, when its shard is already loaded (see loadCountries). */
  townSync(row: number): Town | null {
    const country = this.countryOf(row);
    const shard = this.loadedShards.get(country);
    if (!shard) return null;
    const local = row - this.countryStart[this.countryOfRow[row]!]!;
    const admin = shard.admin[local] ?? '';
    return {
      row,
      geonameId: shard.ids[local]!,
      name: this.names[row]!,
      region: regionName(country, admin),
      country,
      lat: shard.lat[local]!,
      lon: shard.lon[local]!,
      timeZone: shard.zone[local] ?? null,
      population: this.population[row]!,
      admin,
      postalPrefix: shard.postalPrefix[local] ?? '',
    };
  }

  async town(row: number): Promise<Town> {
    await this.shard(this.countryOf(row));
    return this.townSync(row)!;
  }

  async towns(rows: readonly number[]): Promise<Town[]> {
    await this.loadCountries(rows.map((r) => this.countryOf(r)));
    return rows.map((r) => this.townSync(r)!);
  }

  /**
   * Autocomplete and look-up: "caen", "Caen, FR", "paris, texas", "herouville st". Exact names first, then
   * names starting with the query; each group ranked by population, so homonyms come as a ranked choice.
   */
  async search(query: string, limit = 10): Promise<CityMatch[]> {
    const { name, qualifier } = this.parseQuery(query);
    const exactKey = normalizeName(name);
    const prefix = normalizePrefix(name).trimEnd();
    if (!prefix) return [];
    if (qualifier) await this.loadCountries(qualifier.regions.map((r) => r.country));
    // The first keystrokes scan the longest key ranges ("s" has ~10,000 names): remember their answers.
    const cacheKey = !qualifier && prefix.length <= 2 ? `${prefix}|${exactKey}|${limit}` : null;
    const cached = cacheKey ? this.shortPrefixCache.get(cacheKey) : undefined;
    if (cached) return (await this.towns(cached)).map(toCityMatch);
    const accept = (row: number) => this.matchesQualifier(row, qualifier);

    const picked: number[] = [];
    const seen = new Set<number>();
    for (const row of this.rowsNamed(exactKey)) {
      if (picked.length >= limit) break;
      if (accept(row) && !seen.has(row)) {
        seen.add(row);
        picked.push(row);
      }
    }
    if (picked.length < limit) {
      for (const row of this.topByPrefix(prefix, limit - picked.length, (r) => !seen.has(r) && accept(r))) {
        seen.add(row);
        picked.push(row);
      }
    }
    if (cacheKey) this.shortPrefixCache.set(cacheKey, picked);
    return (await this.towns(picked)).map(toCityMatch);
  }

  private readonly shortPrefixCache = new Map<string, number[]>();

  /** The `limit` most populous rows whose key starts with `prefix`, in one pass over the key range. */
  private topByPrefix(prefix: string, limit: number, accept: (row: number) => boolean): number[] {
    const start = lowerBound(this.sortedKeys, prefix);
    const top: number[] = [];
    const seen = new Set<number>();
    for (let i = start; i < this.sortedKeys.length && this.sortedKeys[i]!.startsWith(prefix); i++) {
      const row = this.sortedRows[i]!;
      const pop = this.population[row]!;
      if (top.length === limit && pop <= this.population[top[top.length - 1]!]!) continue;
      if (seen.has(row) || !accept(row)) continue;
      seen.add(row);
      let at = top.length;
      while (at > 0 && this.population[top[at - 1]!]! < pop) at--;
      top.splice(at, 0, row);
      if (top.length > limit) top.pop();
    }
    return top;
  }

  private parseQuery(query: string): { name: string; qualifier: Qualifier | null } {
    const comma = query.indexOf(',');
    if (comma < 0) return { name: query, qualifier: null };
    const name = query.slice(0, comma);
    const parts = query.slice(comma + 1).split(',').map(normalizeName).filter(Boolean);
    if (parts.length > 1) return this.parseQualifierParts(query, name, parts);
    const rest = parts[0] ?? '';
    if (!rest) return { name, qualifier: null };
    const countries = new Set<string>();
    const country = countryFromText(rest, this.knownCountries);
    if (country) countries.add(country);
    const regions = regionsNamed(rest);
    // Two-letter region codes: "Springfield, IL"; "CA" is both Canada and California, so both are kept.
    if (/^[a-z0-9]{1,3}$/.test(rest)) {
      for (const c of ['US', 'CA', 'AU', 'GB', 'CH', 'BE']) {
        for (const admin of adminCodesMatching(c, rest)) regions.push({ country: c, admin });
      }
    }
    if (countries.size === 0 && regions.length === 0) return { name: query, qualifier: null };
    return { name, qualifier: { countries, regions } };
  }

  /**
   * "Paris, Texas, US", "Caen, Normandie, France": every part must be a country or a region; a region then
   * decides (within the named countries), else the countries do.
   */
  private parseQualifierParts(query: string, name: string, parts: string[]): { name: string; qualifier: Qualifier | null } {
    const countries = new Set<string>();
    const regions: Array<{ country: string; admin: string }> = [];
    for (const part of parts) {
      const country = countryFromText(part, this.knownCountries);
      const named = [...regionsNamed(part)];
      if (/^[a-z0-9]{1,3}$/.test(part)) {
        for (const c of ['US', 'CA', 'AU', 'GB', 'CH', 'BE']) for (const admin of adminCodesMatching(c, part)) named.push({ country: c, admin });
      }
      if (!country && named.length === 0) return { name: query, qualifier: null };
      if (country && named.length === 0) countries.add(country);
      regions.push(...named);
    }
    const inCountries = countries.size > 0 ? regions.filter((r) => countries.has(r.country)) : regions;
    if (inCountries.length > 0) return { name, qualifier: { countries: new Set(), regions: inCountries } };
    return { name, qualifier: { countries, regions: [] } };
  }

  private matchesQualifier(row: number, qualifier: Qualifier | null): boolean {
    if (!qualifier) return true;
    const country = this.countryOf(row);
    if (qualifier.countries.has(country)) return true;
    if (!qualifier.regions.some((r) => r.country === country)) return false;
    const town = this.townSync(row);
    return !!town && qualifier.regions.some((r) => r.country === country && r.admin === town.admin);
  }

  /** The town nearest to a point (a venue's GEO), searching outwards cell ring by cell ring. */
  async nearest(lat: number, lon: number, maxRings = 4): Promise<{ town: Town; km: number } | null> {
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
    const baseRow = Math.floor(lat) + 90;
    const baseCol = Math.floor(lon) + 180;
    let best = null as { row: number; km: number } | null;
    for (let ring = 0; ring <= maxRings; ring++) {
      const cells: number[] = [];
      for (let dr = -ring; dr <= ring; dr++) {
        for (let dc = -ring; dc <= ring; dc++) {
          if (Math.max(Math.abs(dr), Math.abs(dc)) !== ring) continue;
          const r = baseRow + dr;
          if (r < 0 || r > 179) continue;
          cells.push(r * 360 + ((((baseCol + dc) % 360) + 360) % 360));
        }
      }
      const countryIds = new Set<number>();
      for (const cell of cells) for (const ci of this.cellCountries.get(cell) ?? []) countryIds.add(ci);
      await this.loadCountries([...countryIds].map((ci) => this.countries[ci]!));
      for (const ci of countryIds) {
        const shard = this.loadedShards.get(this.countries[ci]!)!;
        const start = this.countryStart[ci]!;
        for (const cell of cells) {
          for (const local of shard.cells.get(cell) ?? []) {
            const km = distanceKm(lat, lon, shard.lat[local]!, shard.lon[local]!);
            if (!best || km < best.km) best = { row: start + local, km };
          }
        }
      }
      // Every unvisited cell is at least `ring` whole cells away: a degree of latitude is ~111 km, and one of
      // longitude shrinks with the cosine of the latitude, so bound conservatively.
      const shrink = Math.cos(Math.min(89, Math.abs(lat) + ring + 1) * (Math.PI / 180));
      if (best && best.km <= ring * 111 * shrink) break;
    }
    return best ? { town: await this.town(best.row), km: best.km } : null;
  }

  /** The town nearest to a point, as the options page offers it for "use my position". */
  async nearestCity(lat: number, lon: number): Promise<CityMatch | null> {
    const found = await this.nearest(lat, lon);
    return found ? toCityMatch(found.town) : null;
  }

  /**
   * Towns whose name is closest to a mistyped one (edit distance on whole names and on name beginnings, so
   * "Hérouvile" finds Hérouville-Saint-Clair), larger towns first among equals: for "unknown city" errors.
   */
  async closest(query: string, limit = 5): Promise<CityMatch[]> {
    return (await this.towns(this.closestRows(query, limit))).map(toCityMatch);
  }

  closestRows(query: string, limit = 5): number[] {
    const key = normalizeName(query);
    if (!key) return [];
    const maxDistance = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
    const found: Array<{ row: number; distance: number }> = [];
    let lastKey = '';
    for (let i = 0; i < this.sortedKeys.length; i++) {
      const candidate = this.sortedKeys[i]!;
      if (candidate === lastKey) continue;
      lastKey = candidate;
      if (candidate.length < key.length - maxDistance) continue;
      const whole = boundedLevenshtein(key, candidate, maxDistance);
      // A beginning costs one more than a whole name, so exact-length matches rank first.
      const start = candidate.length > key.length ? boundedLevenshtein(key, candidate.slice(0, key.length), maxDistance - 1) + 1 : whole;
      const distance = Math.min(whole, start);
      if (distance <= maxDistance) found.push({ row: this.rowsNamed(candidate)[0]!, distance });
    }
    found.sort((a, b) => a.distance - b.distance || this.population[b.row]! - this.population[a.row]!);
    return [...new Set(found.map((f) => f.row))].slice(0, limit);
  }
}

export function toCityMatch(town: Town): CityMatch {
  return {
    geonameId: town.geonameId,
    name: town.name,
    region: town.region,
    country: town.country,
    lat: town.lat,
    lon: town.lon,
    timeZone: town.timeZone,
    population: town.population,
  };
}

function parseShard(text: string): Shard {
  const lines = text.split('\n');
  const zones = (lines[0] ?? '').split('\t');
  const admins = (lines[1] ?? '').split('\t');
  const rows = lines.slice(2).filter((l) => l.length > 0);
  const shard: Shard = {
    ids: new Float64Array(rows.length),
    lat: new Float64Array(rows.length),
    lon: new Float64Array(rows.length),
    admin: new Array<string>(rows.length),
    zone: new Array<string | null>(rows.length),
    postalPrefix: new Array<string>(rows.length),
    cells: new Map(),
  };
  rows.forEach((line, i) => {
    const [id = '0', lat = '0', lon = '0', admin = '0', zone = '0', postal = ''] = line.split(' ');
    shard.ids[i] = parseInt(id, 36);
    const la = decodeCoord(lat, 90);
    const lo = decodeCoord(lon, 180);
    shard.lat[i] = la;
    shard.lon[i] = lo;
    shard.admin[i] = admins[Number(admin)] ?? '';
    shard.zone[i] = zones[Number(zone)] || null;
    shard.postalPrefix[i] = postal;
    const cell = cellOf(la, lo);
    let list = shard.cells.get(cell);
    if (!list) shard.cells.set(cell, (list = []));
    list.push(i);
  });
  return shard;
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Edit distance counting a swap of two neighbours as one edit ("Cean" → "Caen"), giving up (returning
 * max + 1) as soon as it must exceed `max`.
 */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  // Three reused rows: this runs once per distinct name (~120,000) for every "unknown city" message.
  if (rowBuffers[0]!.length < width) rowBuffers = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  let [beforePrevious, previous, current] = rowBuffers as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const cb = b.charCodeAt(j - 1);
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) value = Math.min(value, beforePrevious[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length]!;
}

let rowBuffers: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * A loader for the extension: `fetchGazetteerLoader((path) => browser.runtime.getURL(path))`. lib/location
 * never imports the browser API itself, so it also runs in Node.
 */
export function fetchGazetteerLoader(
  urlOf: (path: string) => string,
  // Called through a closure: a detached `fetch` throws "Illegal invocation" in browsers.
  fetchFn: (url: string) => Promise<Response> = (url) => fetch(url),
): GazetteerLoader {
  return async (file) => {
    const response = await fetchFn(urlOf(`/gazetteer/${file}`));
    if (!response.ok) throw new Error(`Gazetteer file ${file} is missing from the extension (HTTP ${response.status}).`);
    return response.text();
  };
}

/**
 * One gazetteer per loader, created on first use: the background keeps it warm between messages, and a failed
 * load is not cached so the next look-up retries.
 */
export function lazyGazetteer(loader: GazetteerLoader): () => Promise<Gazetteer> {
  let pending: Promise<Gazetteer> | null = null;
  return () => {
    if (!pending) {
      pending = Gazetteer.load(loader);
      pending.catch(() => {
        pending = null;
      });
    }
    return pending;
  };
}
