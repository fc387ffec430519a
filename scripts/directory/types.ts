/**
 * The shapes the directory build passes between its steps: the manifest that pins each source, the files of
 * one source, and a group as an importer reads it (before it is placed and merged).
 */
import type { DirectoryPlatform } from '../../lib/directory/directory-schema';
import type { NormalizedFeed } from './normalize-feed-url';

export interface ManifestSource {
  /** Folder of the snapshot (`rladies`) and the importer's name. */
  id: string;
  /** Name shown in attributions (`R-Ladies`). */
  name: string;
  repository: string;
  commit: string;
  /** Files read, as repository paths (a `*` stands for any file name). */
  paths: string[];
  /** SPDX identifier, or null when the repository grants no licence. */
  licence: string | null;
  /** Where the repository states it. */
  licenceFile: string | null;
  /** The site to credit. */
  credit: string;
  /** Only sources whose licence allows redistribution with attribution are shipped. */
  ship: boolean;
  /** Why a source is not shipped, or anything a maintainer refreshing it must know. */
  note?: string;
  /** Tags every group of this list gets (`security` for OWASP chapters). */
  tags?: string[];
  /** The place of every group when the list is about one metro area and names no city per group. */
  place?: PlaceHint;
  /** Categories of the list that are not about technology (DC Tech Events lists a few). */
  nonTechCategories?: string[];
}

export interface Manifest {
  /** The directory's `version`: the day the sources were pinned. */
  version: string;
  sources: ManifestSource[];
}

/** Reads a source's snapshot: one folder per source, files at their repository paths. */
export interface SourceFiles {
  read(path: string): Promise<string>;
  /** File names directly inside a folder, sorted. */
  list(dir: string): Promise<string[]>;
}

/** Where a list says a group meets: a city as it wrote it, and coordinates when it gives them. */
export interface PlaceHint {
  city: string | null;
  region?: string | null;
  country?: string | null;
  coordinates?: { lat: number; lon: number } | null;
  /** Free texts (name, address, description) that may name the city, when the list has no city field. */
  texts?: string[];
}

export interface ImportedGroup {
  name: string;
  feedUrl: string;
  platform: DirectoryPlatform;
  homepage: string | null;
  tags: string[];
  place: PlaceHint;
  /** Repository path of the file that lists the group. */
  file: string;
}

export interface DroppedGroup {
  name: string;
  reason: string;
}

export interface ImportResult {
  groups: ImportedGroup[];
  dropped: DroppedGroup[];
}

export type Importer = (files: SourceFiles, source: ManifestSource) => Promise<ImportResult>;

/**
 * Keeps a group whose feed address normalized, or records why it was left out; `details` gets the normalized
 * feed, since some lists derive the homepage or place texts from it.
 */
export function addGroup(
  result: ImportResult,
  name: string,
  feed: NormalizedFeed,
  details: (feed: { feedUrl: string; platform: DirectoryPlatform }) => Omit<ImportedGroup, 'name' | 'feedUrl' | 'platform'>,
): void {
  if (!feed.ok) {
    result.dropped.push({ name, reason: feed.reason });
    return;
  }
  result.groups.push({ name, feedUrl: feed.feedUrl, platform: feed.platform, ...details(feed) });
}
