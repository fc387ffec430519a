import path from 'node:path';
import { fileURLToPath } from 'node:url';
import manifestJson from '../../../scripts/directory/manifest.json';
import { snapshotFiles } from '../../../scripts/directory/source-files';
import type { Manifest, ManifestSource, SourceFiles } from '../../../scripts/directory/types';

export const FIXTURE_SNAPSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/directory-sources');
export const manifest = manifestJson as Manifest;

export function manifestSource(id: string): ManifestSource {
  const source = manifest.sources.find((s) => s.id === id);
  if (!source) throw new Error(`no source ${id} in the manifest`);
  return source;
}

export function fixtureFiles(id: string): SourceFiles {
  return snapshotFiles(FIXTURE_SNAPSHOTS, manifestSource(id));
}
