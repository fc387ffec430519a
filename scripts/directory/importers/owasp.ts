/**
 * OWASP chapters (_data/chapters.json) with a `meetup-group`. A chapter is left out when OWASP itself counts
 * it as not active: its chapter status page calls chapters whose site has `build: "no pages"` inactive and
 * those in the "Needs Website Update" region not yet active, and _data/inactive_chapters.json lists
 * chapters marked inactive (kept only if their page was updated after that listing).
 */
import { meetupFeedUrl, normalizeFeedUrl } from '../normalize-feed-url';
import { addGroup, type ImportResult, type Importer } from '../types';

interface Chapter {
  name: string;
  title?: string;
  url: string;
  updated?: string;
  build?: string;
  region?: string;
  country?: string;
  'meetup-group'?: string;
}

const CHAPTERS = '_data/chapters.json';
const INACTIVE = '_data/inactive_chapters.json';

/** Both date styles of these files: `2025-10-20` and git's `Wed Mar 31 19:13:37 2021`. */
export function owaspDate(text: string | undefined): number {
  if (!text) return Number.NaN;
  const iso = /^\d{4}-\d{2}-\d{2}/.exec(text);
  if (iso) return Date.parse(`${iso[0]}T00:00:00Z`);
  const git = /^\w{3} (\w{3}) +(\d{1,2}) (\d{2}:\d{2}:\d{2}) (\d{4})$/.exec(text.trim());
  return git ? Date.parse(`${git[1]} ${git[2]} ${git[4]} ${git[3]} UTC`) : Number.NaN;
}

export const importOwasp: Importer = async (files, source) => {
  const chapters = JSON.parse(await files.read(CHAPTERS)) as Chapter[];
  const inactive = new Map((JSON.parse(await files.read(INACTIVE)) as Chapter[]).map((c) => [c.url, c]));
  const result: ImportResult = { groups: [], dropped: [] };
  for (const chapter of chapters) {
    const name = chapter.title?.trim() || `OWASP ${chapter.name}`;
    const meetup = chapter['meetup-group']?.trim();
    const listedInactive = inactive.get(chapter.url);
    const reason = !meetup
      ? 'no Meetup group'
      : chapter.build === 'no pages'
        ? 'inactive: its chapter site is not built ("no pages")'
        : chapter.region?.includes('Website Update')
          ? 'not yet active: "Needs Website Update"'
          : listedInactive && !(owaspDate(chapter.updated) > owaspDate(listedInactive.updated))
            ? 'listed in inactive_chapters.json'
            : null;
    if (reason) {
      result.dropped.push({ name, reason });
      continue;
    }
    const feed = meetup!.includes('meetup.com') ? normalizeFeedUrl(meetup!, { explicitFeed: false }) : meetupFeedUrl(meetup!);
    addGroup(result, name, feed, () => ({
      homepage: chapter.url,
      tags: source.tags ?? [],
      place: { city: chapter.name, country: chapter.country || null },
      file: CHAPTERS,
    }));
  }
  return result;
};
