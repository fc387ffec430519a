/**
 * One entry per feed: lists that name the same feed (an OWASP chapter also in DC Tech Events) become one
 * group whose tags and sources are the union. The first list in manifest order gives the name, homepage and
 * place, so the output does not depend on anything but the inputs' order.
 */
import type { DirectoryGroup, DirectorySource } from '../../lib/directory/directory-schema';
import { feedKey } from '../../lib/stored-feed-url';
import type { Placed } from './place';
import type { ImportedGroup } from './types';

export interface PlacedGroup {
  group: ImportedGroup;
  place: Placed;
  source: DirectorySource;
}

export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/g, '-');
}

export function mergeGroups(entries: readonly PlacedGroup[]): DirectoryGroup[] {
  const byFeed = new Map<string, DirectoryGroup>();
  for (const { group, place, source } of entries) {
    const existing = byFeed.get(feedKey(group.feedUrl));
    if (existing) {
      existing.tags = unite(existing.tags, group.tags.map(normalizeTag));
      if (!existing.sources.some((s) => s.url === source.url && s.name === source.name)) existing.sources.push(source);
      existing.homepage ??= group.homepage;
      continue;
    }
    byFeed.set(feedKey(group.feedUrl), {
      name: group.name,
      city: place.city,
      country: place.country,
      coordinates: place.coordinates,
      feedUrl: group.feedUrl,
      format: 'ical',
      platform: group.platform,
      homepage: group.homepage,
      tags: unite([], group.tags.map(normalizeTag)),
      sources: [source],
    });
  }
  return [...byFeed.values()].sort(compareGroups);
}

function unite(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b].filter(Boolean))].sort();
}

function compareGroups(a: DirectoryGroup, b: DirectoryGroup): number {
  return cmp(a.country, b.country) || cmp(a.city, b.city) || cmp(a.name, b.name) || cmp(a.feedUrl, b.feedUrl);
}

/** Code-point order, not the locale's: the same bytes on every machine. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
