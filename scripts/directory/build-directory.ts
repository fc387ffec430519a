/**
 * The directory build: every shipped source of the manifest through its importer, each group placed, then
 * merged by feed. Pure but for the files and the gazetteer it is given, so the same snapshots give the same
 * directory; `version` comes from the manifest, never the clock.
 */
import { DIRECTORY_SCHEMA_VERSION, type DirectoryGroup, type GroupsDirectory } from '../../lib/directory/directory-schema';
import type { Gazetteer } from '../../lib/location/gazetteer';
import { importCronQuiles } from './importers/cron-quiles';
import { importDcTech } from './importers/dctech';
import { importKotlin } from './importers/kotlin';
import { importLouisville } from './importers/louisville';
import { importOwasp } from './importers/owasp';
import { importReact } from './importers/react';
import { importRLadies } from './importers/rladies';
import { mergeGroups, type PlacedGroup } from './merge-groups';
import { normalizeFeedUrl } from './normalize-feed-url';
import { Placer } from './place';
import type { DroppedGroup, Importer, Manifest, ManifestSource, SourceFiles } from './types';

export const IMPORTERS: Record<string, Importer> = {
  rladies: importRLadies,
  owasp: importOwasp,
  dctech: importDcTech,
  'cron-quiles': importCronQuiles,
  kotlin: importKotlin,
  react: importReact,
  louisville: importLouisville,
};

export interface SourceReport {
  id: string;
  name: string;
  imported: number;
  placed: number;
  dropped: DroppedGroup[];
  unplaced: DroppedGroup[];
}

export interface BuildResult {
  directory: GroupsDirectory;
  sources: SourceReport[];
  skippedSources: Array<{ id: string; reason: string }>;
}

export function sourceFileUrl(source: ManifestSource, file: string): string {
  return `${source.repository.replace(/\/$/, '')}/blob/${source.commit}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

export async function buildDirectory(input: {
  manifest: Manifest;
  filesOf: (source: ManifestSource) => SourceFiles;
  gazetteer: Gazetteer;
  /** Groups the project checked by hand, already placed; they come first when a feed is listed twice. */
  handChecked?: readonly DirectoryGroup[];
}): Promise<BuildResult> {
  const placer = new Placer(input.gazetteer);
  const entries: PlacedGroup[] = [];
  for (const group of input.handChecked ?? []) {
    const feed = normalizeFeedUrl(group.feedUrl, { explicitFeed: true });
    if (!feed.ok) throw new Error(`hand-checked ${group.name}: ${feed.reason}`);
    for (const source of group.sources) {
      entries.push({
        group: { ...group, feedUrl: feed.feedUrl, platform: feed.platform, place: { city: group.city }, file: '' },
        place: { city: group.city, country: group.country, coordinates: group.coordinates },
        source,
      });
    }
  }
  const reports: SourceReport[] = [];
  const skippedSources: BuildResult['skippedSources'] = [];
  for (const source of input.manifest.sources) {
    if (!source.ship) {
      skippedSources.push({ id: source.id, reason: source.note ?? 'not shipped' });
      continue;
    }
    const importer = IMPORTERS[source.id];
    if (!importer) throw new Error(`No importer for source "${source.id}"`);
    const imported = await importer(input.filesOf(source), source);
    const report: SourceReport = { id: source.id, name: source.name, imported: imported.groups.length, placed: 0, dropped: imported.dropped, unplaced: [] };
    for (const group of imported.groups) {
      const placement = await placer.place(group.place);
      if (!placement.ok) {
        report.unplaced.push({ name: group.name, reason: placement.reason });
        continue;
      }
      report.placed++;
      entries.push({ group, place: placement.place, source: { name: source.name, url: sourceFileUrl(source, group.file), licence: source.licence } });
    }
    reports.push(report);
  }
  return {
    directory: { schemaVersion: DIRECTORY_SCHEMA_VERSION, version: input.manifest.version, groups: mergeGroups(entries) },
    sources: reports,
    skippedSources,
  };
}
