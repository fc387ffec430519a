/**
 * React meetups (src/content/community/meetups.md): `## Country` headings (with an MDX anchor comment), then one
 * `* [City, region - label](URL)` line per meetup; only Meetup groups have a feed to subscribe to.
 */
import { normalizeFeedUrl } from '../normalize-feed-url';
import { addGroup, type ImportResult, type Importer } from '../types';

const FILE = 'src/content/community/meetups.md';
const HEADING = /^##\s+(.+?)\s*(?:\{\/\*.*\*\/\})?\s*$/;
const ITEM = /^\*\s+\[([^\]]+)\]\(([^)\s]+)\)/;

export const importReact: Importer = async (files, source) => {
  const result: ImportResult = { groups: [], dropped: [] };
  let country: string | null = null;
  for (const line of (await files.read(FILE)).split('\n')) {
    const heading = HEADING.exec(line);
    if (heading) {
      country = heading[1]!;
      continue;
    }
    const item = ITEM.exec(line.trim());
    if (!item || !country) continue;
    const [, text, url] = item as unknown as [string, string, string];
    // "Atlanta, GA - ReactJS": the place, then the group's own label when a city has several.
    const [placeText = text, label] = text.split(/\s+-\s+/, 2).map((part) => part.trim());
    // "React.JS Girls London", "React Native Liverpool": a group's name, its city last.
    const named = !label && /^react\b/i.test(placeText);
    const [city, ...region] = named ? [placeText.split(/\s+/).at(-1)!] : placeText.split(',').map((part) => part.trim());
    const name = named ? placeText : !label ? `React ${placeText}` : city && label.includes(city) ? label : `${label} ${city}`;
    const feed = normalizeFeedUrl(url, { explicitFeed: false });
    addGroup(result, name, feed, () => ({
      homepage: url,
      tags: source.tags ?? [],
      place: { city: city ?? null, region: region.join(', ') || null, country },
      file: FILE,
    }));
  }
  return result;
};
