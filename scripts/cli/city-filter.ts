/**
 * The command line's `--city "Caen" [--radius 20] [--no-online]`: the same city look-up, resolver and filter
 * as the extension, with each kept event carrying `city`, `lat`, `lon` and `distanceKm` for the JSON output.
 */
import type { MeetupEvent } from '../../lib/events';
import type { CityMatch } from '../../lib/location/city-match';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import { defaultTimeZoneFor } from '../../lib/location/default-zone';
import type { Gazetteer } from '../../lib/location/gazetteer';
import { isNearUser, nearFilterOf } from '../../lib/upcoming';
import { normalizeName as normalize } from '../../lib/location/normalize';
import { resolveFeedEvents } from '../../lib/location/resolve';

export class UnknownCityError extends Error {
  constructor(
    readonly query: string,
    readonly suggestions: CityMatch[],
  ) {
    const names = suggestions.map(describeCity);
    super(`Unknown city "${query}".${names.length ? ` Closest names: ${names.join('; ')}.` : ''}`);
    this.name = 'UnknownCityError';
  }
}

export function describeCity(city: Pick<CityMatch, 'name' | 'region' | 'country'>): string {
  return [city.name, city.region, city.country].filter(Boolean).join(', ');
}

/**
 * The city a CLI user named: an exact (normalized) name, optionally qualified ("Paris, US"), the most populous
 * first; `others` lists the homonyms not taken. An unknown name throws UnknownCityError with the closest names.
 */
export async function findCityForCli(gazetteer: Gazetteer, query: string): Promise<{ city: CityMatch; others: CityMatch[] }> {
  const matches = await gazetteer.search(query, 6);
  const exact = matches.filter((m) => isSameName(gazetteer, m, query));
  const [city, ...others] = exact;
  if (city) return { city, others };
  // Closest spellings first ("Cean" → Caen), then names that merely start like the query.
  const fuzzy = await gazetteer.closest(query.split(',')[0] ?? query, 5);
  const suggestions = [...fuzzy, ...matches.filter((m) => !fuzzy.some((f) => f.geonameId === m.geonameId))].slice(0, 5);
  throw new UnknownCityError(query, suggestions);
}

function nameKey(query: string): string {
  return normalize(query.split(',')[0] ?? query);
}

function isSameName(gazetteer: Gazetteer, match: CityMatch, query: string): boolean {
  return gazetteer.rowsNamed(nameKey(query)).some((row) => gazetteer.countryOf(row) === match.country && gazetteer.names[row] === match.name);
}


export interface CliCityFilter {
  city: CityMatch;
  radiusKm?: number;
  includeOnline?: boolean;
  /** The CLI reads one feed; `--all-local` would say it is a local group's. */
  allEventsLocal?: boolean;
}

export type CliLocatedEvent = MeetupEvent & {
  city: string | null;
  lat: number | null;
  lon: number | null;
  distanceKm: number | null;
};

/** The zone the CLI reads floating times in when `--city` is given (the city's, as in the extension). */
export function cliDefaultTimeZone(filter: CliCityFilter | null, fallback?: string): string {
  return defaultTimeZoneFor(filter?.city ?? null, null, fallback);
}

/** Resolves where each event is and keeps those near the city, as the popup would. */
export async function applyCityFilterForCli(
  events: readonly MeetupEvent[],
  filter: CliCityFilter,
  gazetteer: Gazetteer,
): Promise<CliLocatedEvent[]> {
  const city = filter.city;
  // "Every event is local" is the user's city as the feed's home.
  const home = filter.allEventsLocal ? { city: city.name, country: city.country, lat: city.lat, lon: city.lon, source: 'user' as const } : null;
  const ctx = { gazetteer, city, home };
  const resolved = await resolveFeedEvents(events, ctx);
  const nearFilter = {
    city,
    radiusKm: filter.radiusKm ?? DEFAULT_SETTINGS.radiusKm,
    includeOnline: filter.includeOnline ?? DEFAULT_SETTINGS.includeOnline,
  };
  return resolved
    .filter((event) => isNearUser(event, nearFilter))
    .map((event) => ({
      ...event,
      city: event.resolved?.city ?? null,
      lat: event.resolved?.lat ?? null,
      lon: event.resolved?.lon ?? null,
      distanceKm: event.resolved?.distanceKm ?? null,
    }));
}
