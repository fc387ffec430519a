/** The worker's side of lib/messages.ts: each message as a plain async function of its data. */
import { compareEvents } from '../events';
import type { FeedPreview } from '../discover/types';
import type { CityMatch } from '../location/city-match';
import type { ProtocolMap, RefreshSummary } from '../messages';
import type { FeedConfig } from '../settings';
import { feedDataItem, feedsItem, seenItem, settingsItem } from '../storage';
import type { BackgroundDeps } from './deps';
import { normalizeFeedUrl } from '../feed-url';
import { feedHostName } from '../host-name';
import type { Refresher } from './refresh';
import { loadStoredView } from './stored-view';
import { readFeed } from './sync-feed';
import { isEventOver, nearFilterOf, readingZone, sourceIds, upcomingEvents, upcomingNear } from '../upcoming';

type Data<K extends keyof ProtocolMap> = Parameters<ProtocolMap[K]>[0];

export interface Handlers {
  refreshAll(): Promise<RefreshSummary>;
  refreshFeed(data: Data<'refreshFeed'>): Promise<RefreshSummary>;
  testFeed(data: Data<'testFeed'>): Promise<FeedPreview>;
  addFeed(data: Data<'addFeed'>): Promise<FeedConfig>;
  markSeen(data: Data<'markSeen'>): Promise<void>;
  searchCities(data: Data<'searchCities'>): Promise<CityMatch[]>;
  nearestCity(data: Data<'nearestCity'>): Promise<CityMatch | null>;
}

export const PREVIEW_EVENTS = 3;

export function createHandlers(deps: BackgroundDeps, refresher: Refresher): Handlers {
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
        { id: 'preview', url: normalized, format: format ?? 'auto', timeZone: timeZone ?? null, allEventsLocal: false },
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
      return {
        ok: true,
        error: null,
        format: result.parsed.format,
        title: result.parsed.title,
        eventCount: upcoming.length,
        next: upcoming.slice(0, PREVIEW_EVENTS),
        warnings: result.parsed.warnings,
      };
    },

    async addFeed(data) {
      const url = normalizeFeedUrl(data.url);
      const feeds = await feedsItem.getValue();
      if (feeds.some((feed) => feed.url === url)) throw new Error('This feed is already in your list');
      let id = deps.randomId();
      while (feeds.some((feed) => feed.id === id)) id = deps.randomId();
      const name = data.name?.trim();
      const config: FeedConfig = {
        id,
        url,
        name: name || feedHostName(url),
        format: data.format ?? 'auto',
        enabled: true,
        timeZone: data.timeZone ?? null,
        allEventsLocal: data.allEventsLocal ?? false,
        addedAt: new Date(deps.now()).toISOString(),
      };
      await feedsItem.setValue([...feeds, config]);
      // First sync: FeedState.synced is false, so it announces nothing.
      await refresher.run({ force: true, feedIds: [id] });
      const title = (await feedDataItem(id).getValue()).state.title?.trim();
      if (name || !title) return config;
      const named = { ...config, name: title };
      const latest = await feedsItem.getValue();
      await feedsItem.setValue(latest.map((feed) => (feed.id === id ? { ...feed, name: title } : feed)));
      return named;
    },

    async markSeen({ ids }) {
      const view = await loadStoredView();
      const now = deps.now();
      const upcoming = upcomingEvents(view.feeds, (id) => view.data.get(id)?.events, readingZone(), now);
      const stillListed = new Set(upcoming.flatMap(sourceIds));
      const near = upcomingNear(upcoming, nearFilterOf(view.settings, view.feeds));
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
