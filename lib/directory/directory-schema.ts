/**
 * The local groups directory (issue #7): community event feeds by city, as a versioned JSON file. The same
 * shape is bundled (lib/directory/groups.json) and downloaded from `Settings.directoryUrl`; both go through
 * `validateDirectory` before anything uses them.
 */
import type { CandidateFormat } from '../discover/types';

/** The file format this code reads. A file declaring another schemaVersion is refused, never guessed at. */
export const DIRECTORY_SCHEMA_VERSION = 1;

export interface DirectoryGroup {
  name: string;
  city: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  coordinates: { lat: number; lon: number };
  /** The group's feed, https (or http), following its platform's published pattern. */
  feedUrl: string;
  format: CandidateFormat;
  /** The group's own page, or null. */
  homepage: string | null;
  tags: string[];
  /** Where the feed was verified: a public page or repository file that shows it. */
  source: string;
}

export interface GroupsDirectory {
  schemaVersion: typeof DIRECTORY_SCHEMA_VERSION;
  /** Data version, an ISO date (`2026-11-21`): the day the file was last reviewed. */
  version: string;
  groups: DirectoryGroup[];
}

/** A directory group as the options page shows it (the `suggestGroups` message). */
export interface SuggestedGroup {
  group: DirectoryGroup;
  distanceKm: number;
  /** A feed with this URL is already configured. */
  alreadyAdded: boolean;
}

export interface SuggestedGroups {
  groups: SuggestedGroup[];
  /** Null until the user has chosen a city: there is nothing to suggest without one. */
  city: string | null;
  radiusKm: number;
  /** The directory the suggestions come from. */
  source: 'bundled' | 'downloaded';
  version: string;
  /** Short error of the last directory download (the bundled or last good directory is still used). */
  error: string | null;
}
