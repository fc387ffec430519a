/**
 * The models behind "Find feeds on this page" (popup) and "Local groups near you" (options, onboarding).
 * Signals + actions, with the browser reached only through `DiscoverDeps` so tests pin it.
 * Adding always asks for the feed's origin first, straight from the click (the prompt needs the gesture).
 */
import { batch, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
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

/** `webcal://` is iCal over https: the origin to ask for is the https one. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url.replace(/^webcals?:/i, 'https:'));
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export type AddState = 'adding' | 'added' | 'denied' | 'failed';

/** One click → permission → addFeed; shared by both panels. */
function createAdder(deps: DiscoverDeps) {
  const states = signal<Record<string, AddState>>({});
  const set = (url: string, state: AddState) => (states.value = { ...states.value, [url]: state });
  return {
    states,
    add(data: NewFeedData): Promise<boolean> {
      const { url } = data;
      const origin = originOf(url);
      if (!origin || states.value[url] === 'adding' || states.value[url] === 'added') return Promise.resolve(false);
      let request: Promise<boolean>;
      try {
        request = deps.requestOrigin(origin); // first, before any await: the prompt needs the click's gesture
      } catch {
        request = Promise.resolve(false);
      }
      set(url, 'adding');
      return request
        .catch(() => false)
        .then(async (granted) => {
          if (!granted) {
            set(url, 'denied');
            return false;
          }
          try {
            await deps.addFeed(data);
            set(url, 'added');
            return true;
          } catch {
            set(url, 'failed');
            return false;
          }
        });
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
      const origins = [...new Set(results.value.filter((feed) => !feed.preview.ok).map((feed) => originOf(feed.url)))].filter(
        (origin): origin is string => origin !== null,
      );
      if (origins.length === 0) return Promise.resolve(false);
      let request: Promise<boolean>;
      try {
        request = deps.requestOrigins(origins);
      } catch {
        request = Promise.resolve(false);
      }
      return request
        .catch(() => false)
        .then(async (granted) => {
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
      const groups = addable();
      const origins = [...new Set(groups.map((suggestion) => originOf(suggestion.group.feedUrl)))].filter(
        (origin): origin is string => origin !== null,
      );
      if (origins.length === 0) return Promise.resolve(0);
      let request: Promise<boolean>;
      try {
        request = deps.requestOrigins(origins); // first, before any await: the prompt needs the click's gesture
      } catch {
        request = Promise.resolve(false);
      }
      const markAll = (state: AddState) =>
        (adder.states.value = { ...adder.states.value, ...Object.fromEntries(groups.map((g) => [g.group.feedUrl, state])) });
      markAll('adding');
      return request
        .catch(() => false)
        .then(async (granted) => {
          if (!granted) {
            markAll('denied');
            return 0;
          }
          try {
            const added = await deps.addFeeds(groups.map((suggestion) => newFeedOf(suggestion.group)));
            markAll('added');
            return added.length;
          } catch {
            markAll('failed');
            return 0;
          }
        });
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
