/**
 * Kotlin user groups (data/user-groups.yml): sections of groups, each with a country, a page and usually the
 * coordinates of its city. Virtual groups are left out; only groups whose page is a Meetup group (or a feed)
 * have a feed to subscribe to.
 */
import { load } from 'js-yaml';
import { normalizeFeedUrl } from '../normalize-feed-url';
import { addGroup, type ImportResult, type Importer } from '../types';

interface Section {
  section?: string;
  groups?: Array<{ name?: string; country?: string; url?: string; isVirtual?: boolean; position?: { lat?: number; lng?: number } }>;
}

const FILE = 'data/user-groups.yml';

export const importKotlin: Importer = async (files, source) => {
  const sections = (load(await files.read(FILE)) ?? []) as Section[];
  const result: ImportResult = { groups: [], dropped: [] };
  for (const section of sections) {
    for (const group of section.groups ?? []) {
      const name = group.name?.trim() || '(unnamed)';
      if (group.isVirtual) {
        result.dropped.push({ name, reason: 'virtual group' });
        continue;
      }
      const feed = normalizeFeedUrl(group.url ?? '', { explicitFeed: false });
      addGroup(result, name, feed, () => {
        const { lat, lng } = group.position ?? {};
        const coordinates = typeof lat === 'number' && typeof lng === 'number' ? { lat, lon: lng } : null;
        return {
          homepage: group.url ?? null,
          tags: source.tags ?? [],
          // The list gives coordinates, not a city: the place step reads the city from the name and the point.
          place: { city: null, country: group.country ?? null, coordinates, texts: [name] },
          file: FILE,
        };
      });
    }
  }
  return result;
};
