/**
 * R-Ladies chapters: one JSON file per chapter (data/chapters/*.json). Only chapters whose `status` is
 * `active` are kept: `prospective` ones have not started, `retired on …` ones have stopped.
 */
import { meetupFeedUrl, normalizeFeedUrl } from '../normalize-feed-url';
import { addGroup, type ImportResult, type Importer } from '../types';

interface Chapter {
  name?: string;
  urlname?: string;
  status?: string;
  country?: string;
  'state.region'?: string;
  city?: string;
  social_media?: { meetup?: string; website?: string };
}

const DIR = 'data/chapters';

/**
 * Some chapter files hold names as R printed them from Latin-1 bytes, `Bogot<e1>` for Bogotá: each `<xx>`
 * is that byte.
 */
export function decodeRByteEscapes(text: string): string {
  return text.replace(/<([0-9a-f]{2})>/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export const importRLadies: Importer = async (files, source) => {
  const result: ImportResult = { groups: [], dropped: [] };
  for (const fileName of await files.list(DIR)) {
    if (!fileName.endsWith('.json')) continue;
    const file = `${DIR}/${fileName}`;
    const chapter = JSON.parse(decodeRByteEscapes(await files.read(file))) as Chapter;
    const name = chapter.name?.trim() || `R-Ladies ${chapter.city ?? fileName.replace(/\.json$/, '')}`;
    if (chapter.status !== 'active') {
      result.dropped.push({ name, reason: `status: ${chapter.status ?? 'none'}` });
      continue;
    }
    const slug = chapter.social_media?.meetup ?? chapter.urlname;
    if (!slug) {
      result.dropped.push({ name, reason: 'no Meetup group' });
      continue;
    }
    const feed = slug.includes('meetup.com') ? normalizeFeedUrl(slug, { explicitFeed: false }) : meetupFeedUrl(slug);
    addGroup(result, name, feed, (feed) => {
      const website = chapter.social_media?.website;
      return {
        homepage: website && /^https?:\/\//.test(website) ? website : feed.feedUrl.replace(/events\/ical\/$/, ''),
        tags: source.tags ?? [],
        place: { city: chapter.city ?? null, region: chapter['state.region'] ?? null, country: chapter.country ?? null },
        file,
      };
    });
  }
  return result;
};
