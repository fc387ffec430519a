import { beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryGroup } from '../../../lib/directory/directory-schema';
import { validateDirectory } from '../../../lib/directory/validate-directory';
import type { Gazetteer } from '../../../lib/location/gazetteer';
import { buildDirectory, sourceFileUrl } from '../../../scripts/directory/build-directory';
import { bigCityCoverage } from '../../../scripts/directory/coverage';
import handChecked from '../../../scripts/directory/hand-checked.json';
import { serializeDirectory } from '../../../scripts/directory/rebuild';
import { snapshotFiles } from '../../../scripts/directory/source-files';
import { loadTestGazetteer } from '../location/load-gazetteer';
import { FIXTURE_SNAPSHOTS, manifest, manifestSource } from './fixture-sources';

let gazetteer: Gazetteer;
beforeAll(async () => {
  gazetteer = await loadTestGazetteer();
}, 60_000);

const build = () =>
  buildDirectory({ manifest, filesOf: (source) => snapshotFiles(FIXTURE_SNAPSHOTS, source), gazetteer, handChecked: handChecked as DirectoryGroup[] });

describe('building the directory from fixture snapshots', () => {
  it('gives the same bytes twice, versioned by the manifest', async () => {
    const [a, b] = [await build(), await build()];
    expect(serializeDirectory(a.directory)).toBe(serializeDirectory(b.directory));
    expect(a.directory.version).toBe(manifest.version);
    expect(validateDirectory(a.directory).ok).toBe(true);
  });

  it('merges a feed two lists name (OWASP and DC Tech Events) into one group citing both', async () => {
    const { directory } = await build();
    const dc = directory.groups.filter((g) => g.feedUrl === 'https://www.meetup.com/owasp-washington-dc-chapter/events/ical/');
    expect(dc).toHaveLength(1);
    expect(dc[0]!.name).toBe('OWASP Washington DC');
    expect(dc[0]!.sources).toEqual([
      { name: 'OWASP', url: sourceFileUrl(manifestSource('owasp'), '_data/chapters.json'), licence: 'CC-BY-SA-4.0' },
      {
        name: 'DC Tech Events',
        url: 'https://github.com/rosskarchner/dctech.events/blob/bc5f1031668bc1f28aef5bb8ec4cb8d40e6828fd/_groups/meetup-owasp-washington%2C-dc-chapter.yaml',
        licence: 'MIT',
      },
    ]);
    expect(dc[0]!.tags).toEqual(['cybersecurity', 'owasp', 'security']);
  });

  it('keeps the hand-checked groups, their Meetup feeds normalized', async () => {
    const { directory } = await build();
    const caen = directory.groups.find((g) => g.name === 'CaenCamp');
    expect(caen?.feedUrl).toBe('https://www.meetup.com/caencamp/events/ical/');
    expect(caen?.sources[0]!.licence).toBeNull();
  });

  it('ships no group from a source without licence (go-wiki has a fixture too)', async () => {
    const result = await build();
    expect(result.skippedSources.map((s) => s.id)).toEqual(['go-wiki', 'php-ug']);
    expect(result.directory.groups.some((g) => g.feedUrl.includes('golang-paris'))).toBe(false);
  });

  it('reports unplaced groups and leaves them out', async () => {
    const result = await build();
    const unplaced = Object.fromEntries(result.sources.map((s) => [s.id, s.unplaced.map((u) => u.name)]));
    expect(unplaced).toEqual({
      rladies: ['R-Ladies Remote'],
      owasp: ['OWASP Chile'],
      dctech: [],
      'cron-quiles': ['Claude Users Group'],
      kotlin: ['Swiss KUG', 'Sao Paulo Kotlin Meetup'],
      react: ['React Belgium'],
      louisville: [],
    });
    const names = result.directory.groups.map((g) => g.name);
    expect(names).not.toContain('R-Ladies Remote');
    expect(names).toContain('R-Ladies Bogotá');
  });

  it('counts groups within 25 km of big cities', async () => {
    const { directory } = await build();
    const coverage = await bigCityCoverage(gazetteer, directory.groups, { countries: ['US', 'CO'] });
    const count = (city: string) => coverage.cities.find((c) => c.city === city)?.groupsWithin;
    expect(count('Bogotá')).toBe(2);
    expect(count('New York City')).toBe(2);
    expect(count('Chicago')).toBe(0);
    expect(coverage.withOne).toBe(coverage.cities.filter((c) => c.groupsWithin > 0).length);
  });
});
