import { describe, expect, it } from 'vitest';
import groupsJson from '../../../lib/directory/groups.json';
import type { GroupsDirectory } from '../../../lib/directory/directory-schema';
import { validateDirectory } from '../../../lib/directory/validate-directory';
import { feedUrlPlatform } from '../../../lib/discover/platform-urls';
import { manifest } from './fixture-sources';

const directory = groupsJson as GroupsDirectory;

describe('the shipped directory (lib/directory/groups.json)', () => {
  it('validates, entry by entry', () => {
    const result = validateDirectory(groupsJson);
    expect(result.ok ? [] : result.errors.slice(0, 10)).toEqual([]);
  });

  it('holds at least 700 groups with distinct feed URLs', () => {
    const feeds = new Set(directory.groups.map((g) => g.feedUrl));
    expect(feeds.size).toBe(directory.groups.length);
    expect(feeds.size).toBeGreaterThanOrEqual(700);
  });

  it('is versioned by the manifest', () => {
    expect(directory.version).toBe(manifest.version);
  });

  it('credits only shipped sources, each at its pinned commit, or a hand-checked page', () => {
    const shipped = manifest.sources.filter((s) => s.ship);
    for (const group of directory.groups) {
      expect(group.sources.length).toBeGreaterThan(0);
      for (const source of group.sources) {
        if (source.licence === null) {
          expect(source.url).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//);
          continue;
        }
        const from = shipped.find((s) => s.name === source.name);
        expect(from, `${group.name}: ${source.name}`).toBeDefined();
        expect(source.licence).toBe(from!.licence);
        expect(source.url.startsWith(`${from!.repository}/blob/${from!.commit}/`)).toBe(true);
      }
    }
  });

  it('names each feed’s platform as its URL shows it, with Meetup slugs in lower case', () => {
    for (const group of directory.groups) {
      expect(feedUrlPlatform(group.feedUrl) ?? 'other', group.feedUrl).toBe(group.platform);
      if (group.platform === 'meetup') expect(group.feedUrl).toMatch(/^https:\/\/www\.meetup\.com\/[a-z0-9][a-z0-9_-]*\/events\/ical\/$/);
    }
  });

  it('is sorted by country, city and name, so a rebuild diff shows only real changes', () => {
    const key = (g: GroupsDirectory['groups'][number]) => [g.country, g.city, g.name, g.feedUrl];
    const sorted = [...directory.groups].sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
      return 0;
    });
    expect(directory.groups.map((g) => g.feedUrl)).toEqual(sorted.map((g) => g.feedUrl));
  });
});
