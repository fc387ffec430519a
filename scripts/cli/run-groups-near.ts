/**
 * `npm run --silent events -- --groups-near "CITY[, COUNTRY]" [--radius KM] [--json]`: the bundled
 * directory's groups near a city, nearest first, found by the same look-up and `groupsNearby` as the options
 * page's "Local groups near you".
 */
import { bundledDirectory } from '../../lib/directory/bundled-directory';
import type { GroupsDirectory } from '../../lib/directory/directory-schema';
import { groupsNearby } from '../../lib/directory/groups-nearby';
import { describeCity, findCityForCli, UnknownCityError } from './city-filter';
import type { Gazetteer } from '../../lib/location/gazetteer';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { flagLines, parseRadiusKm, readFlags, UsageError, type FlagSpec } from './flags';

export interface GroupsNearOptions {
  city: string;
  radiusKm: number;
  json: boolean;
}

interface RawGroupsNearArgs extends GroupsNearOptions {
  help: boolean;
}

const GROUPS_NEAR_FLAGS: FlagSpec<RawGroupsNearArgs>[] = [
  { name: '--groups-near', value: 'CITY', help: 'the city, with its country or region when needed', set: (r, v) => void (r.city = v) },
  { name: '--radius', value: 'KM', help: `how far from the city (default ${DEFAULT_SETTINGS.radiusKm})`, set: (r, v) => void (r.radiusKm = parseRadiusKm(v)) },
  { name: '--json', help: 'print a JSON array (name, city, country, platform, feedUrl, distanceKm, tags)', set: (r) => void (r.json = true) },
  { name: '--help', help: 'show this help', set: (r) => void (r.help = true) },
];

export const GROUPS_NEAR_USAGE = [
  'Usage: npm run --silent events -- --groups-near "CITY[, COUNTRY]" [--radius KM] [--json]',
  '',
  "Lists the bundled directory's local groups near a city, nearest first: the options page's suggestions.",
  '',
  'Options:',
  ...flagLines(GROUPS_NEAR_FLAGS.filter((flag) => flag.name === '--radius' || flag.name === '--json')),
].join('\n');

/** The usage mistakes of `--groups-near`: the command line's one UsageError. */
export const GroupsNearUsageError = UsageError;

export function wantsGroupsNear(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--groups-near' || arg.startsWith('--groups-near='));
}

export function parseGroupsNearArgs(argv: readonly string[]): GroupsNearOptions | 'help' {
  const raw: RawGroupsNearArgs = { city: '', radiusKm: DEFAULT_SETTINGS.radiusKm, json: false, help: false };
  readFlags(argv, raw, {
    flags: GROUPS_NEAR_FLAGS,
    positional: (_, arg) => {
      throw new UsageError(`${arg} cannot be used with --groups-near`);
    },
    unknown: (name) => `${name} cannot be used with --groups-near`,
  });
  if (raw.help) return 'help';
  if (!raw.city.trim()) throw new UsageError('--groups-near needs a city');
  return { city: raw.city, radiusKm: raw.radiusKm, json: raw.json };
}

export interface GroupsNearIo {
  stdout(text: string): void;
  stderr(text: string): void;
  loadGazetteer(): Promise<Gazetteer>;
  directory?: () => GroupsDirectory;
}

export async function runGroupsNear(options: GroupsNearOptions, io: GroupsNearIo): Promise<number> {
  const gazetteer = await io.loadGazetteer();
  let city;
  try {
    ({ city } = await findCityForCli(gazetteer, options.city));
  } catch (error) {
    if (!(error instanceof UnknownCityError)) throw error;
    io.stderr(`events: ${error.message}`);
    return 1;
  }
  const near = groupsNearby((io.directory ?? bundledDirectory)(), city, options.radiusKm);
  const rows = near.map(({ group, distanceKm }) => ({
    name: group.name,
    city: group.city,
    country: group.country,
    platform: group.platform,
    feedUrl: group.feedUrl,
    distanceKm,
    tags: group.tags,
  }));
  if (options.json) {
    io.stdout(JSON.stringify(rows, null, 2));
    return 0;
  }
  io.stderr(`${rows.length} group${rows.length === 1 ? '' : 's'} within ${options.radiusKm} km of ${describeCity(city)}`);
  for (const row of rows) {
    const tags = row.tags.length ? `  [${row.tags.join(', ')}]` : '';
    io.stdout(`${row.distanceKm.toFixed(1).padStart(6)} km  ${row.name} — ${row.city}, ${row.country} (${row.platform})  ${row.feedUrl}${tags}`);
  }
  return 0;
}
