/**
 * DC Tech Events groups: one YAML file per group (_groups/*.yaml) with an explicit `ical` address. The list
 * covers the Washington DC area and names no city per group, so the manifest gives the place. Groups marked
 * `active: false`, and groups none of whose categories is about technology, are left out.
 */
import { load } from 'js-yaml';
import { normalizeFeedUrl } from '../normalize-feed-url';
import { addGroup, type ImportResult, type Importer } from '../types';

interface GroupFile {
  name?: string;
  active?: boolean;
  website?: string;
  ical?: string;
  categories?: string[];
}

const DIR = '_groups';

export const importDcTech: Importer = async (files, source) => {
  const nonTech = new Set(source.nonTechCategories ?? []);
  const result: ImportResult = { groups: [], dropped: [] };
  for (const fileName of await files.list(DIR)) {
    if (!/\.ya?ml$/.test(fileName)) continue;
    const file = `${DIR}/${fileName}`;
    const group = (load(await files.read(file)) ?? {}) as GroupFile;
    const name = group.name?.trim() || fileName;
    const categories = (group.categories ?? []).map(String);
    const reason =
      group.active === false
        ? 'active: false'
        : !group.ical
          ? 'no iCal address'
          : categories.length === 0
            ? 'no category: not shown as a tech group'
            : categories.every((c) => nonTech.has(c))
              ? `not a tech group (${categories.join(', ')})`
              : null;
    if (reason) {
      result.dropped.push({ name, reason });
      continue;
    }
    const feed = normalizeFeedUrl(group.ical!, { explicitFeed: true });
    addGroup(result, name, feed, () => ({
      homepage: group.website && /^https?:\/\//.test(group.website) ? group.website : null,
      tags: [...categories, ...(source.tags ?? [])],
      place: source.place ?? { city: null },
      file,
    }));
  }
  return result;
};
