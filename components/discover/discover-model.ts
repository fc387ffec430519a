/**
 * The models behind "Find feeds on this page" (popup) and "Local groups near you" (options, onboarding).
 * Signals + actions, with the browser reached only through `DiscoverDeps` so tests pin it.
 * Adding always asks for the feed's origin first, straight from the click (the prompt needs the gesture).
 */
import { batch, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { feedOrigin } from '../../lib/stored-feed-url';
import { sitePermissions } from '../../lib/permissions';
import type { DiscoveredFeed } from '../../lib/discover/types';
import type { DirectoryGroup, SuggestedGroup, SuggestedGroups } from '../../lib/directory/directory-schema';
import { sendMessage, type NewFeedData } from '../../lib/messages';
import type { FeedConfig, FeedFormatSetting, FeedHome } from '../../lib/settings';

export interface DiscoverDeps {
  /** The tab the popup was opened over; null when there is none (a browser window without tabs). */
  activeTabId(): Promise<number | null>;
  discoverFeeds(tabId: number): Promise<DiscoveredFeed[]>;
  suggestGroups(): Promise<SuggestedGroups>;
  /** `browser.permissions.request`, called synchronously inside the click handler. */
  requestOrigin(origin: string): Promise<boolean>;
  /** The same for several sites in one prompt. */
  requestOrigins(origins: string[]): Promise<boolean>;
  addFeed(data: NewFeedData): Promise<FeedConfig>;
  /** Several feeds in one write; those already added are skipped. */
  addFeeds(feeds: NewFeedData[]): Promise<FeedConfig[]>;
}

export const browserDiscoverDeps: DiscoverDeps = {
  async activeTabId() {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id ?? null;
  },
  discoverFeeds: (tabId) => sendMessage('discoverFeeds', { tabId }),
  suggestGroups: () => sendMessage('suggestGroups', undefined),
  requestOrigin: (origin) => sitePermissions.request([origin]),
  requestOrigins: (origins) => sitePermissions.request(origins),
  addFeed: (data) => sendMessage('addFeed', data),
  addFeeds: (feeds) => sendMessage('addFeeds', { feeds }),
};

export type AddState = 'adding' | 'added' | 'denied' | 'failed';

/** Asks for sites straight from the click (the prompt needs its gesture: nothing is awaited first); false on error. */
function requestInClick(ask: () => Promise<boolean>): Promise<boolean> {
  try {
    return ask().catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

/** The distinct origins some feeds are read from; feeds that cannot be read have none. */
function originsOf(urls: readonly string[]): string[] {
  return [...new Set(urls.map(feedOrigin))].filter((origin): origin is string => origin !== null);
}

/**
 * One click → one permission prompt → the feeds saved, each feed's state kept by its URL: "adding", then
 * "denied", "added" or "failed". Shared by both panels and by "Add all".
 */
function createAdder(deps: DiscoverDeps) {
  const states = signal<Record<string, AddState>>({});
  const mark = (urls: readonly string[], state: AddState) =>
    (states.value = { ...states.value, ...Object.fromEntries(urls.map((url) => [url, state])) });

  /** `granted` must be the click's own request; null when it was refused or saving failed. */
  function save<T>(urls: readonly string[], granted: Promise<boolean>, write: () => Promise<T>): Promise<T | null> {
    mark(urls, 'adding');
    return granted.then(async (yes) => {
      if (!yes) {
        mark(urls, 'denied');
        return null;
      }
      try {
        const saved = await write();
        mark(urls, 'added');
        return saved;
      } catch {
        mark(urls, 'failed');
        return null;
      }
    });
  }

  return {
    states,
    /** One feed; false when it was not added (or is being added, or was already). */
    add(data: NewFeedData): Promise<boolean> {
      const { url } = data;
      const origin = feedOrigin(url);
      if (!origin || states.value[url] === 'adding' || states.value[url] === 'added') return Promise.resolve(false);
      const granted = requestInClick(() => deps.requestOrigin(origin));
      return save([url], granted, () => deps.addFeed(data)).then((added) => added !== null);
    },
    /** Several feeds: every site they need in ONE prompt, then one `addFeeds`. Resolves to the number added. */
    addAll(feeds: readonly NewFeedData[]): Promise<number> {
      const urls = feeds.map((feed) => feed.url);
      const origins = originsOf(urls);
      if (origins.length === 0) return Promise.resolve(0);
      const granted = requestInClick(() => deps.requestOrigins(origins));
      return save(urls, granted, () => deps.addFeeds([...feeds])).then((added) => added?.length ?? 0);
    },
  };
}

export type ScanPhase = 'idle' | 'scanning' | 'done' | 'failed';

export function createFindFeedsModel(deps: DiscoverDeps = browserDiscoverDeps) {
  const phase = signal<ScanPhase>('idle');
  const results = signal<DiscoveredFeed[]>([]);
  const adder = createAdder(deps);

  async function scan(): Promise<void> {
    if (phase.value === 'scanning') return;
    batch(() => {
      phase.value = 'scanning';
      results.value = [];
    });
    try {
      const tabId = await deps.activeTabId();
      if (tabId === null) throw new Error('no tab');
      const found = await deps.discoverFeeds(tabId);
      batch(() => {
        results.value = found;
        phase.value = 'done';
      });
    } catch {
      phase.value = 'failed';
    }
  }

  return {
    phase,
    results,
    addStates: adder.states,

    scan,

    /** Call straight from the click handler. */
    add(feed: DiscoveredFeed): Promise<boolean> {
      const name = feed.preview.title ?? feed.title;
      return adder.add({ url: feed.url, name: name ?? undefined, format: feed.format });
    },

    /**
     * The worker reads only sites the user granted, so previews of a site not granted yet fail. One prompt for
     * all the sites found (straight from the click), then the scan again with previews.
     */
    allowPreviews(): Promise<boolean> {
      const origins = originsOf(results.value.filter((feed) => !feed.preview.ok).map((feed) => feed.url));
      if (origins.length === 0) return Promise.resolve(false);
      return requestInClick(() => deps.requestOrigins(origins)).then(async (granted) => {
        if (granted) await scan();
        return granted;
      });
    },
  };
}

export type FindFeedsModel = ReturnType<typeof createFindFeedsModel>;

export type SuggestionsPhase = 'loading' | 'ready' | 'failed';

export function createSuggestedGroupsModel(deps: DiscoverDeps = browserDiscoverDeps) {
  const phase = signal<SuggestionsPhase>('loading');
  const answer = signal<SuggestedGroups | null>(null);
  const adder = createAdder(deps);

  /** The groups "Add all" would add: listed, not in the feeds yet, not being added. */
  function addable(): SuggestedGroup[] {
    const states = adder.states.value;
    return (answer.value?.groups ?? []).filter((suggestion) => {
      const state = states[suggestion.group.feedUrl];
      return !suggestion.alreadyAdded && state !== 'added' && state !== 'adding';
    });
  }

  return {
    phase,
    answer,
    addStates: adder.states,

    async load(): Promise<void> {
      try {
        const next = await deps.suggestGroups();
        batch(() => {
          answer.value = next;
          phase.value = 'ready';
        });
      } catch {
        phase.value = 'failed';
      }
    },

    /** Call straight from the click handler. */
    add(suggestion: SuggestedGroup): Promise<boolean> {
      return adder.add(newFeedOf(suggestion.group));
    },

    addable,

    /**
     * "Add all": every site the groups need in ONE permission prompt (all Meetup groups share one origin), asked
     * straight from the click, then one `addFeeds` for all of them. Resolves to the number of feeds added.
     */
    addAll(): Promise<number> {
      return adder.addAll(addable().map((suggestion) => newFeedOf(suggestion.group)));
    },
  };
}

/** A directory group as a feed to add: it knows where its group meets. */
export function newFeedOf(group: DirectoryGroup): NewFeedData {
  const home: FeedHome = {
    city: group.city,
    country: group.country,
    lat: group.coordinates.lat,
    lon: group.coordinates.lon,
    source: 'directory',
  };
  return { url: group.feedUrl, name: group.name, format: group.format, home };
}

export type SuggestedGroupsModel = ReturnType<typeof createSuggestedGroupsModel>;
