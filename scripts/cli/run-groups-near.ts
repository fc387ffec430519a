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

export interface GroupsNearOptions {
  city: string;
  radiusKm: number;
  json: boolean;
}

export const GROUPS_NEAR_USAGE = [
  'Usage: npm run --silent events -- --groups-near "CITY[, COUNTRY]" [--radius KM] [--json]',
  '',
  "Lists the bundled directory's local groups near a city, nearest first: the options page's suggestions.",
  '',
  'Options:',
  `  --radius KM  how far from the city (default ${DEFAULT_SETTINGS.radiusKm})`,
  '  --json       print a JSON array (name, city, country, platform, feedUrl, distanceKm, tags)',
].join('\n');

export class GroupsNearUsageError extends Error {}

export function wantsGroupsNear(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--groups-near' || arg.startsWith('--groups-near='));
}

export function parseGroupsNearArgs(argv: readonly string[]): GroupsNearOptions | 'help' {
  const options: GroupsNearOptions = { city: '', radiusKm: DEFAULT_SETTINGS.radiusKm, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new GroupsNearUsageError(`${name} needs a value`);
      return v;
    };
    if (name === '--help' || name === '-h') return 'help';
    else if (name === '--json') options.json = true;
    else if (name === '--groups-near') options.city = value();
    else if (name === '--radius') {
      const text = value();
      options.radiusKm = Number(text);
      if (!(Number.isFinite(options.radiusKm) && options.radiusKm > 0)) throw new GroupsNearUsageError(`--radius needs a distance in km such as 20 (got "${text}")`);
    } else throw new GroupsNearUsageError(`${arg} cannot be used with --groups-near`);
  }
  if (!options.city.trim()) throw new GroupsNearUsageError('--groups-near needs a city');
  return options;
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
