import { beforeAll, describe, expect, it } from 'vitest';
import type { Gazetteer } from '../../../lib/location/gazetteer';
import { bundledDirectory } from '../../../lib/directory/bundled-directory';
import { groupsNearby } from '../../../lib/directory/groups-nearby';
import { GroupsNearUsageError, parseGroupsNearArgs, runGroupsNear, wantsGroupsNear } from '../../../scripts/cli/run-groups-near';
import { loadTestGazetteer } from '../location/load-gazetteer';

let gazetteer: Gazetteer;
beforeAll(async () => {
  gazetteer = await loadTestGazetteer();
}, 60_000);

const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const options = parseGroupsNearArgs(argv);
  if (options === 'help') throw new Error('help');
  const code = await runGroupsNear(options, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), loadGazetteer: async () => gazetteer });
  return { code, out, err };
};

describe('events --groups-near', () => {
  it('lists the groups near a city as JSON, nearest first, as the options page would', async () => {
    const { code, out } = await run(['--groups-near', 'Louisville, Kentucky', '--radius', '30', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(out.join('\n')) as Array<{ name: string; distanceKm: number; feedUrl: string; platform: string; city: string; tags: string[] }>;
    const city = (await gazetteer.search('Louisville, Kentucky', 1))[0]!;
    const expected = groupsNearby(bundledDirectory(), city, 30);
    expect(rows.map((r) => r.feedUrl)).toEqual(expected.map((n) => n.group.feedUrl));
    expect(rows.length).toBeGreaterThan(20);
    expect(rows[0]).toEqual({
      name: expected[0]!.group.name,
      city: 'Louisville',
      country: 'US',
      platform: expected[0]!.group.platform,
      feedUrl: expected[0]!.group.feedUrl,
      distanceKm: expected[0]!.distanceKm,
      tags: expected[0]!.group.tags,
    });
    expect(rows.map((r) => r.distanceKm)).toEqual([...rows.map((r) => r.distanceKm)].sort((a, b) => a - b));
  });

  it('prints one line per group, its count on stderr', async () => {
    const { out, err } = await run(['--groups-near=Caen, FR']);
    expect(err).toEqual(['1 group within 25 km of Caen, Normandie, FR']);
    expect(out).toEqual(['   0.9 km  CaenCamp — Caen, FR (meetup)  https://www.meetup.com/caencamp/events/ical/  [developers, talks, web]']);
  });

  it('says which cities it knows when it does not know the one asked', async () => {
    const { code, err } = await run(['--groups-near', 'Cean']);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/Unknown city "Cean"\. Closest names: Caen, Normandie, FR/);
  });

  it.each([
    [['--groups-near'], /needs a value/],
    [['--groups-near', 'Caen', '--radius', 'far'], /--radius needs a distance/],
    [['--groups-near', 'Caen', '--tz', 'UTC'], /--tz cannot be used with --groups-near/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseGroupsNearArgs(argv)).toThrow(GroupsNearUsageError);
    expect(() => parseGroupsNearArgs(argv)).toThrow(message);
  });

  it('is asked for by its flag only', () => {
    expect(wantsGroupsNear(['--groups-near', 'Caen'])).toBe(true);
    expect(wantsGroupsNear(['feed.ics', '--city', 'Caen'])).toBe(false);
  });
});
