/** A source's snapshot on disk: `<snapshots>/<source id>/<repository path>`. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ManifestSource, SourceFiles } from './types';

/**
 * UTF-8, or Latin-1 when the bytes are not valid UTF-8: some R-Ladies chapter files are saved in Latin-1
 * ("Bogot\xe1"), and reading them as UTF-8 would turn their city names into replacement characters.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

export function snapshotFiles(snapshotsDir: string, source: ManifestSource): SourceFiles {
  const root = path.join(snapshotsDir, source.id);
  return {
    read: async (file) => decodeText(await readFile(path.join(root, file))),
    list: async (dir) => (await readdir(path.join(root, dir))).sort(),
  };
}
