/** A source's snapshot on disk: `<snapshots>/<source id>/<repository path>`. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeBody } from '../../lib/feeds/body';
import type { ManifestSource, SourceFiles } from './types';

/**
 * Files are decoded as the reader decodes a body without a charset: UTF-8, or windows-1252 when the bytes are
 * not valid UTF-8. Some R-Ladies chapter files are saved in Latin-1 ("Bogot\xe1"); read as UTF-8 their city
 * names would become replacement characters.
 */
export function snapshotFiles(snapshotsDir: string, source: ManifestSource): SourceFiles {
  const root = path.join(snapshotsDir, source.id);
  return {
    read: async (file) => decodeBody(await readFile(path.join(root, file))),
    list: async (dir) => (await readdir(path.join(root, dir))).sort(),
  };
}
