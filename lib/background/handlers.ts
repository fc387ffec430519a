/** The worker's side of lib/messages.ts: each message as a plain async function of its data. */
import { compareEvents } from '../events';
import type { FeedPreview } from '../discover/types';
import type { CityMatch } from '../location/city-match';
import type { ProtocolMap, RefreshSummary } from '../messages';
import type { FeedConfig } from '../settings';
import { feedDataItem, feedsItem, seenItem, settingsItem } from '../storage';
import type { BackgroundDeps } from './deps';
import { normalizeFeedUrl } from '../feed-url';
import { feedKey } from '../stored-feed-url';
import { feedHostName } from '../host-name';
import type { Refresher } from './refresh';
import { loadStoredView } from './stored-view';
import { readFeed } from './sync-feed';
import { isEventOver, isNearUser, nearFilterOf, readingZone, sourceIds, upcomingEvents, upcomingNear } from '../upcoming';

type Data<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];

export interface Handlers {
  refreshAll(): Promise<RefreshSummary>;
  refreshFeed(data: Data<'refreshFeed'>): Promise<RefreshSummary>;
  testFeed(data: Data<'testFeed'>): Promise<FeedPreview>;
  addFeed(data: Data<'addFeed'>): Promise<FeedConfig>;
  addFeeds(data: Data<'addFeeds'>): Promise<FeedConfig[]>;
  markSeen(data: Data<'markSeen'>): Promise<void>;
  searchCities(data: Data<'searchCities'>): Promise<CityMatch[]>;
  nearestCity(data: Data<'nearestCity'>): Promise<CityMatch | null>;
}

export const PREVIEW_EVENTS = 3;

type NewFeed = Data<'addFeed'>;

export function createHandlers(deps: BackgroundDeps, refresher: Refresher): Handlers {
  /**
   * Adds feeds in ONE write of the feed list (several writes could each miss the others' feeds) and syncs them
   * together. A feed already in the list is an error for a single add, skipped in a batch ("Add all").
   */
  async function addFeeds(list: readonly NewFeed[], options: { skipExisting: boolean }): Promise<FeedConfig[]> {
    const feeds = await feedsItem.getValue();
    const configs: FeedConfig[] = [];
    /** Feeds added without a name: they take their feed's title (X-WR-CALNAME…) once read. */
    const unnamed = new Set<string>();
    const taken = new Set(feeds.map((feed) => feedKey(feed.url)));
    for (const data of list) {
      const url = normalizeFeedUrl(data.url);
      if (taken.has(feedKey(url))) {
        if (options.skipExisting) continue;
        throw new Error('This feed is already in your list');
      }
      taken.add(feedKey(url));
      let id = deps.randomId();
      while (feeds.some((feed) => feed.id === id) || configs.some((feed) => feed.id === id)) id = deps.randomId();
      if (!data.name?.trim()) unnamed.add(id);
      configs.push({
        id,
        url,
        name: data.name?.trim() || feedHostName(url),
        format: data.format ?? 'auto',
        enabled: true,
        timeZone: data.timeZone ?? null,
        home: data.home ?? null,
        addedAt: new Date(deps.now()).toISOString(),
      });
    }
    if (configs.length === 0) return [];
    await feedsItem.setValue([...feeds, ...configs]);
    // First sync: FeedState.synced is false, so it announces nothing.
    await refresher.run({ force: true, feedIds: configs.map((config) => config.id) });
    const titles = new Map<string, string>();
    for (const id of unnamed) {
      const title = (await feedDataItem(id).getValue()).state.title?.trim();
      if (title) titles.set(id, title);
    }
    if (titles.size === 0) return configs;
    const latest = await feedsItem.getValue();
    await feedsItem.setValue(latest.map((feed) => (titles.has(feed.id) ? { ...feed, name: titles.get(feed.id)! } : feed)));
    return configs.map((config) => (titles.has(config.id) ? { ...config, name: titles.get(config.id)! } : config));
  }

  return {
    refreshAll: () => refresher.run({ force: true }),

    refreshFeed: ({ feedId }) => refresher.run({ force: true, feedIds: [feedId] }),

    async testFeed({ url, format, timeZone }) {
      const empty: FeedPreview = { ok: false, error: null, format: null, title: null, eventCount: 0, next: [], warnings: [] };
      let normalized: string;
      try {
        normalized = normalizeFeedUrl(url);
      } catch (error) {
        return { ...empty, error: (error as Error).message, errorCode: 'unsupportedUrl', errorParams: {} };
      }
      const settings = await settingsItem.getValue();
      const result = await readFeed(
        { id: 'preview', url: normalized, format: format ?? 'auto', timeZone: timeZone ?? null, home: null },
        settings,
        { etag: null, lastModified: null },
        deps,
      );
      if (result.kind === 'error') {
        return { ...empty, error: result.message, errorCode: result.problem.code, errorParams: result.problem.params };
      }
      if (result.kind !== 'parsed') return { ...empty, error: 'Unexpected answer from the server' };
      const now = deps.now();
      const zone = readingZone();
      const upcoming = result.parsed.events.filter((event) => !isEventOver(event, zone, now)).sort(compareEvents);
      const filter = nearFilterOf(settings);
      return {
        ok: true,
        error: null,
        format: result.parsed.format,
        title: result.parsed.title,
        eventCount: upcoming.length,
        // What the popup would list once the feed is added: a home learned from these events counts.
        nearCount: settings.city ? upcoming.filter((event) => isNearUser(event, filter)).length : null,
        home: result.home,
        next: upcoming.slice(0, PREVIEW_EVENTS),
        warnings: result.parsed.warnings,
      };
    },

    async addFeed(data) {
      const [added] = await addFeeds([data], { skipExisting: false });
      return added!;
    },

    async addFeeds({ feeds }) {
      return addFeeds(feeds, { skipExisting: true });
    },

    async markSeen({ ids }) {
      const view = await loadStoredView();
      const now = deps.now();
      const upcoming = upcomingEvents(view.feeds, (id) => view.data.get(id)?.events, readingZone(), now);
      const stillListed = new Set(upcoming.flatMap(sourceIds));
      const near = upcomingNear(upcoming, nearFilterOf(view.settings));
      // Seeing one copy of a meetup is seeing the meetup: every copy is marked.
      const asked = ids ? new Set(ids) : null;
      const marked = asked ? upcoming.filter((item) => sourceIds(item).some((id) => asked.has(id))) : near;
      // Only ids still listed are kept, so the list never grows past the stored events.
      const seen = (await seenItem.getValue()).filter((id) => stillListed.has(id));
      const next = new Set(seen);
      for (const id of marked.flatMap(sourceIds)) next.add(id);
      await seenItem.setValue([...next]);
    },

    searchCities: ({ query, limit }) => deps.searchCities(query, limit ?? 10),

    nearestCity: ({ lat, lon }) => deps.nearestCity(lat, lon),
  };
}
