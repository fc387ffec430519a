/**
 * The packed gazetteer, as written by scripts/build-gazetteer.ts and read by lib/location/gazetteer.ts.
 *
 * `index.json` (always loaded by whoever looks up a town; never by the popup):
 *   { version, source, buildKey, countries: { FR: { names, pop, cells } }, aliases: [[alias, country, row]] }
 *   - names: the towns of that country joined by "|", in normalized-name order; a town's position is its `row`.
 *   - pop: populations in base 36 joined by ",", same order.
 *   - cells: the 1°×1° cells holding a town of that country (base-36 cell numbers joined by ","), so a
 *     coordinate look-up loads only the shards that can hold its nearest town.
 * `<CC>.txt` (one per country, loaded on demand), one line per row in the same order, after two header lines:
 *   line 1: time zones used in the shard, tab-separated; line 2: admin-1 codes, tab-separated;
 *   rows: `geonameId lat lon adminIndex zoneIndex [postalPrefix]`, space-separated; id, lat and lon in base 36,
 *   lat and lon in thousandths of a degree (~100 m, finer than a town centroid is) shifted to be positive.
 *   postalPrefix is the department (FR) or province (ES) number postal codes start with.
 */
export const GAZETTEER_FORMAT_VERSION = 1;
export const INDEX_FILE = 'index.json';
export const COORD_SCALE = 1e3;

export function encodeCoord(value: number, shift: 90 | 180): string {
  return (Math.round(value * COORD_SCALE) + shift * COORD_SCALE).toString(36);
}

export function decodeCoord(text: string, shift: 90 | 180): number {
  return (parseInt(text, 36) - shift * COORD_SCALE) / COORD_SCALE;
}

export function shardFile(country: string): string {
  return `${country}.txt`;
}

export function cellOf(lat: number, lon: number): number {
  const row = Math.min(179, Math.max(0, Math.floor(lat) + 90));
  const col = (((Math.floor(lon) + 180) % 360) + 360) % 360;
  return row * 360 + col;
}

export interface PackedCountry {
  names: string;
  pop: string;
  cells: string;
}

export interface PackedIndex {
  version: number;
  source: string;
  buildKey: string;
  countries: Record<string, PackedCountry>;
  aliases: Array<[alias: string, country: string, row: number]>;
}
