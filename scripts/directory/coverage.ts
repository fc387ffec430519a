/**
 * How well the directory covers the places most users live: for every city of a million inhabitants or more
 * in Europe and North America (by the gazetteer's GeoNames populations and GeoNames' continent of each
 * country), how many groups meet within 25 km.
 */
import type { DirectoryGroup } from '../../lib/directory/directory-schema';
import type { Gazetteer } from '../../lib/location/gazetteer';
import { distanceKm } from '../../lib/location/near';

/** GeoNames' country → continent assignment (countryInfo.txt), for EU and NA. */
export const EUROPE = 'AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK'.split(' ');
export const NORTH_AMERICA = 'AG AI AW BB BL BM BQ BS BZ CA CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR SV SX TC TT US VC VG VI'.split(' ');

export interface CityCoverage {
  city: string;
  country: string;
  population: number;
  groupsWithin: number;
}

export interface CoverageReport {
  cities: CityCoverage[];
  withOne: number;
  withThree: number;
}

export async function bigCityCoverage(
  gazetteer: Gazetteer,
  groups: readonly DirectoryGroup[],
  options: { minPopulation?: number; radiusKm?: number; countries?: readonly string[] } = {},
): Promise<CoverageReport> {
  const minPopulation = options.minPopulation ?? 1_000_000;
  const radiusKm = options.radiusKm ?? 25;
  const countries = new Set(options.countries ?? [...EUROPE, ...NORTH_AMERICA]);
  const rows: number[] = [];
  for (let row = 0; row < gazetteer.size; row++) {
    if (gazetteer.populationOf(row) >= minPopulation && countries.has(gazetteer.countryOf(row))) rows.push(row);
  }
  const cities = (await gazetteer.towns(rows))
    .map((town) => ({
      city: town.name,
      country: town.country,
      population: town.population,
      groupsWithin: groups.filter((g) => distanceKm(town.lat, town.lon, g.coordinates.lat, g.coordinates.lon) <= radiusKm).length,
    }))
    .sort((a, b) => b.population - a.population || (a.city < b.city ? -1 : 1));
  return {
    cities,
    withOne: cities.filter((c) => c.groupsWithin >= 1).length,
    withThree: cities.filter((c) => c.groupsWithin >= 3).length,
  };
}
