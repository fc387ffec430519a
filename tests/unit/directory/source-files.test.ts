import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotFiles } from '../../../scripts/directory/source-files';
import { manifestSource } from './fixture-sources';

const root = mkdtempSync(path.join(tmpdir(), 'directory-sources-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('snapshot files', () => {
  it.each<[string, number[], string]>([
    ['UTF-8', [...Buffer.from('city: Bogotá')], 'city: Bogotá'],
    ['UTF-8 with a byte order mark', [0xef, 0xbb, 0xbf, ...Buffer.from('city: Zürich')], 'city: Zürich'],
    // Some R-Ladies chapter files are saved in Latin-1.
    ['Latin-1', [...Buffer.from('city: Bogot'), 0xe1], 'city: Bogotá'],
    ['Latin-1 read as windows-1252, like a feed without charset', [...Buffer.from('name: '), 0x93, 0x52, 0x94], 'name: “R”'],
  ])('reads %s', async (_label, bytes, text) => {
    const source = manifestSource('rladies');
    mkdirSync(path.join(root, source.id), { recursive: true });
    writeFileSync(path.join(root, source.id, 'chapter.yml'), Uint8Array.from(bytes));
    expect(await snapshotFiles(root, source).read('chapter.yml')).toBe(text);
  });
});
