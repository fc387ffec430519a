/**
 * Cron-Quiles feeds (config/feeds.yaml): Mexican tech communities, one `url` each with a name and a
 * description, and no city field. Only addresses that are feeds are kept (a Luma or Google Developer Group
 * page is not); the place is the city the group's name, address or description names, found by the place
 * step in the texts handed over here.
 */
import { load } from 'js-yaml';
import { normalizeFeedUrl } from '../normalize-feed-url';
import { addGroup, type ImportResult, type Importer } from '../types';

interface FeedEntry {
  url?: string;
  name?: string;
  description?: string;
}

const FILE = 'config/feeds.yaml';

export const importCronQuiles: Importer = async (files, source) => {
  const data = (load(await files.read(FILE)) ?? {}) as { feeds?: FeedEntry[] };
  const result: ImportResult = { groups: [], dropped: [] };
  for (const entry of data.feeds ?? []) {
    const name = entry.name?.trim() || entry.url || '(unnamed)';
    const feed = normalizeFeedUrl(entry.url ?? '', { explicitFeed: false });
    addGroup(result, name, feed, (feed) => {
      const slug = feed.platform === 'meetup' ? new URL(feed.feedUrl).pathname.split('/')[1]!.replace(/-/g, ' ') : '';
      return {
        homepage: feed.platform === 'meetup' ? feed.feedUrl.replace(/events\/ical\/$/, '') : null,
        tags: source.tags ?? [],
        place: { city: null, country: source.place?.country ?? null, texts: [name, slug, entry.description ?? ''].filter(Boolean) },
        file: FILE,
      };
    });
  }
  return result;
};
