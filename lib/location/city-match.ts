/**
 * A town from the gazetteer as the pages see it (search results, nearest town), and the user's city it becomes
 * once chosen. Types and one mapping only: the pages import this without loading the gazetteer.
 */
import type { UserCity } from '../settings';

/** A gazetteer town: always a GeoNames id, and its population for ranking homonyms. */
export interface CityMatch extends UserCity {
  geonameId: number;
  population: number;
}

/** The chosen town as the settings keep it (no population). */
export function userCityOf(match: CityMatch): UserCity {
  return {
    geonameId: match.geonameId,
    name: match.name,
    region: match.region,
    country: match.country,
    lat: match.lat,
    lon: match.lon,
    timeZone: match.timeZone,
  };
}
