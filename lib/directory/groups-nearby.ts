import { distanceKm } from '../location/near';
import type { DirectoryGroup, GroupsDirectory } from './directory-schema';
import { compareTitles } from '../events';

export interface NearbyGroup {
  group: DirectoryGroup;
  /** Great-circle distance from the user's city, rounded to 0.1 km. */
  distanceKm: number;
}

/** The directory's groups within `radiusKm` of the city, nearest first (name breaks ties). */
export function groupsNearby(
  directory: GroupsDirectory,
  city: { lat: number; lon: number } | null,
  radiusKm: number,
): NearbyGroup[] {
  if (!city || !Number.isFinite(radiusKm) || radiusKm < 0) return [];
  return directory.groups
    .map((group) => ({
      group,
      distanceKm: Math.round(distanceKm(city.lat, city.lon, group.coordinates.lat, group.coordinates.lon) * 10) / 10,
    }))
    .filter((near) => near.distanceKm <= radiusKm)
    .sort((a, b) => a.distanceKm - b.distanceKm || compareTitles(a.group.name, b.group.name));
}
