/**
 * Louisville Tech groups (data/groups.json, keyed by id): only the groups with a `calendar` feed. The list is
 * about Louisville, Kentucky, and names no city per group, so the manifest gives the place.
 */
import { normalizeFeedUrl } from '../normalize-feed-url';
import { addGroup, type ImportResult, type Importer } from '../types';

interface Group {
  name?: string;
  web?: string;
  calendar?: string;
}

const FILE = 'data/groups.json';

export const importLouisville: Importer = async (files, source) => {
  const groups = JSON.parse(await files.read(FILE)) as Record<string, Group>;
  const result: ImportResult = { groups: [], dropped: [] };
  for (const [id, group] of Object.entries(groups)) {
    const name = group.name?.trim() || id;
    if (!group.calendar) {
      result.dropped.push({ name, reason: 'no calendar feed' });
      continue;
    }
    const feed = normalizeFeedUrl(group.calendar, { explicitFeed: true });
    addGroup(result, name, feed, () => ({
      homepage: group.web && /^https?:\/\//.test(group.web) ? group.web : null,
      tags: source.tags ?? [],
      place: source.place ?? { city: null },
      file: FILE,
    }));
  }
  return result;
};
