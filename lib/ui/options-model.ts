/**
 * The options page's model: settings and feeds mirrored from storage, the add-feed flow (test before
 * saving, permission, add), the city search, remove-with-undo and the settings file.
 */
import { batch, computed, signal } from '@preact/signals';
import { feedOrigin, parseFeedUrl } from '../feed-url';
import { sendMessage } from '../messages';
import type { FeedPreview } from '../discover/types';
import { userCityOf, type CityMatch } from '../location/city-match';
import { DEFAULT_SETTINGS, type FeedConfig, type Settings } from '../settings';
import { buildSettingsFile, parseSettingsFile, type ImportProblem } from '../settings-file';
import { feedsItem, settingsItem, type FeedState } from '../storage';
import { followFeedData, mirrorItem, type Mirror } from './mirror';
import { sitePattern, sitePermissions, type SitePermissions } from '../permissions';
import { createTownSearch } from './town-search';

export const UNDO_MS = 8000;

export interface PendingRemoval {
  feed: FeedConfig;
  index: number;
}

export type AddFeedPhase = 'idle' | 'testing' | 'tested' | 'adding';

export interface OptionsModelOptions {
  now?: () => number;
  undoMs?: number;
  searchDelayMs?: number;
  permissions?: SitePermissions;
}

export function createOptionsModel(options: OptionsModelOptions = {}) {
  const clock = options.now ?? Date.now;
  const undoMs = options.undoMs ?? UNDO_MS;
  const permissions = options.permissions ?? sitePermissions;

  const settings = signal<Settings>(DEFAULT_SETTINGS);
  const feeds = signal<FeedConfig[]>([]);
  const feedStates = signal<Record<string, FeedState>>({});
  /** Origins granted for each feed; false shows an "Allow access" button (after an import, say). */
  const granted = signal<Record<string, boolean>>({});
  const loaded = signal(false);
  const now = signal(clock());

  // add feed
  const feedUrl = signal('');
  const feedName = signal('');
  const addPhase = signal<AddFeedPhase>('idle');
  const preview = signal<FeedPreview | null>(null);
  const previewUrl = signal<string | null>(null);
  const addError = signal<string | null>(null);

  // city search
  const cityQuery = signal('');
  const cityResults = signal<CityMatch[]>([]);
  const citySearching = signal(false);
  const cityError = signal<string | null>(null);
  const locating = signal(false);
  const townSearch = createTownSearch({
    find: (query) => sendMessage('searchCities', { query, limit: 8 }),
    delayMs: options.searchDelayMs,
    onAnswer: (towns, failed) =>
      batch(() => {
        cityResults.value = towns;
        if (failed) cityError.value = 'search';
      }),
    onSearching: (searching) => (citySearching.value = searching),
  });

  const pendingRemoval = signal<PendingRemoval | null>(null);
  const importProblems = signal<ImportProblem[] | null>(null);
  const importDone = signal(false);

  const enabledCount = computed(() => feeds.value.filter((feed) => feed.enabled).length);

  const mirrors: Mirror[] = [];
  const stateWatchers = new Map<string, () => void>();
  let undoTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * The origin a "Test" click's prompt granted, while its feed is not added yet. Only what this page granted
   * is recorded: an origin held before (another feed's, the test build's) is never taken back.
   */
  let testGrant: { pattern: string } | null = null;
  /** Bumped by each test and each reset: a test answered after the form moved on is dropped. */
  let testSeq = 0;

  /** The tested feed was not added (form cleared, another origin tested, page left): take back its origin. */
  function releaseTestGrant(): void {
    const grant = testGrant;
    testGrant = null;
    if (grant) giveBack(grant.pattern);
  }

  function giveBack(pattern: string): void {
    if (feeds.value.some((feed) => sitePattern(feed.url) === pattern)) return;
    void permissions.remove([pattern]);
  }

  /**
   * A removal that can no longer be undone (its delay ran out, the note was dismissed, another feed was
   * removed, the page was left): the feed's site is given back unless another feed still reads from it.
   */
  function settleRemoval(): void {
    const pending = pendingRemoval.value;
    if (undoTimer) clearTimeout(undoTimer);
    undoTimer = null;
    pendingRemoval.value = null;
    const pattern = pending ? sitePattern(pending.feed.url) : null;
    if (pattern) giveBack(pattern);
  }

  /** Each feed's state (status line), read in one go and then followed. */
  function followStates(feedIds: string[]): void {
    const added = feedIds.filter((feedId) => !stateWatchers.has(feedId));
    if (!added.length) return;
    const { stops, read } = followFeedData(added, (feedId, value) => {
      feedStates.value = { ...feedStates.value, [feedId]: value.state };
    });
    for (const [feedId, stop] of stops) stateWatchers.set(feedId, stop);
    void read.then((fresh) => {
      const next = { ...feedStates.value };
      for (const [feedId, value] of fresh()) next[feedId] = value.state;
      feedStates.value = next;
    });
  }

  async function checkPermissions(list: FeedConfig[]): Promise<void> {
    const entries = await Promise.all(
      list.map(async (feed) => {
        const pattern = sitePattern(feed.url);
        if (!pattern) return [feed.id, false] as const;
        return [feed.id, await permissions.contains([pattern])] as const;
      }),
    );
    granted.value = Object.fromEntries(entries);
  }

  async function start(): Promise<void> {
    const settingsMirror = mirrorItem(settingsItem, settings);
    const feedsMirror = mirrorItem(feedsItem, feeds);
    mirrors.push(settingsMirror, feedsMirror);
    await Promise.all([settingsMirror.ready, feedsMirror.ready]);
    followStates(feeds.value.map((feed) => feed.id));
    const stopFeedFollow = feedsItem.watch((list) => {
      followStates(list.map((feed) => feed.id));
      void checkPermissions(list);
    });
    mirrors.push({ ready: Promise.resolve(), stop: stopFeedFollow });
    await checkPermissions(feeds.value);
    loaded.value = true;
  }

  function dispose(): void {
    releaseTestGrant();
    settleRemoval();
    mirrors.forEach((mirror) => mirror.stop());
    stateWatchers.forEach((stop) => stop());
    if (undoTimer) clearTimeout(undoTimer);
    townSearch.cancel();
  }

  async function updateSettings(patch: Partial<Settings>): Promise<void> {
    const current = await settingsItem.getValue();
    await settingsItem.setValue({ ...current, ...patch });
  }

  async function updateFeed(id: string, patch: Partial<Omit<FeedConfig, 'id'>>): Promise<void> {
    const current = await feedsItem.getValue();
    await feedsItem.setValue(current.map((feed) => (feed.id === id ? { ...feed, ...patch } : feed)));
  }

  function resetAddForm(): void {
    testSeq++;
    releaseTestGrant();
    batch(() => {
      feedUrl.value = '';
      feedName.value = '';
      preview.value = null;
      previewUrl.value = null;
      addPhase.value = 'idle';
      addError.value = null;
    });
  }

  return {
    settings,
    feeds,
    feedStates,
    granted,
    loaded,
    now,
    enabledCount,
    feedUrl,
    feedName,
    addPhase,
    preview,
    previewUrl,
    addError,
    cityQuery,
    cityResults,
    citySearching,
    cityError,
    locating,
    pendingRemoval,
    importProblems,
    importDone,
    start,
    dispose,
    updateSettings,
    updateFeed,
    resetAddForm,
    /** The URL field's input: a new address needs a new test; an emptied field gives back a test's permission. */
    setFeedUrl(value: string): void {
      feedUrl.value = value;
      if (addPhase.peek() === 'tested') addPhase.value = 'idle';
      if (!value.trim()) {
        testSeq++;
        releaseTestGrant();
        batch(() => {
          preview.value = null;
          previewUrl.value = null;
          addPhase.value = 'idle';
        });
      }
    },
    tick(): void {
      now.value = clock();
    },

    // ---- city ---------------------------------------------------------------------------------------------

    /** The town search (lib/ui/town-search.ts) through the background. */
    searchCity(query: string): void {
      cityQuery.value = query;
      cityError.value = null;
      townSearch.search(query);
    },

    async chooseCity(match: CityMatch): Promise<void> {
      townSearch.cancel();
      batch(() => {
        cityResults.value = [];
        cityQuery.value = '';
      });
      await updateSettings({ city: userCityOf(match) });
    },

    /** The position stays here: only the background's offline gazetteer sees it, to name the nearest town. */
    useMyLocation(geolocation: Geolocation | undefined = globalThis.navigator?.geolocation): Promise<void> {
      cityError.value = null;
      if (!geolocation) {
        cityError.value = 'geolocation';
        return Promise.resolve();
      }
      locating.value = true;
      return new Promise<GeolocationPosition>((resolve, reject) =>
        geolocation.getCurrentPosition(resolve, reject, { maximumAge: 600_000, timeout: 20_000 }),
      )
        .then((position) => sendMessage('nearestCity', { lat: position.coords.latitude, lon: position.coords.longitude }))
        .then(async (match) => {
          if (!match) cityError.value = 'noNearest';
          else await updateSettings({ city: userCityOf(match) });
        })
        .catch(() => {
          cityError.value = 'geolocation';
        })
        .finally(() => {
          locating.value = false;
        });
    },

    // ---- add a feed ---------------------------------------------------------------------------------------

    /**
     * Must be called straight from the click (or submit) handler: the background can only read a server
     * without CORS once the origin is granted, and the prompt needs the user's gesture, so
     * `permissions.request` is the first call, before any await. A refusal still tests (CORS servers answer);
     * the preview then says the permission is missing.
     */
    testFeed(): Promise<void> {
      const url = parseFeedUrl(feedUrl.value);
      const pattern = url ? sitePattern(url) : null;
      if (!url || !pattern) {
        batch(() => {
          addError.value = 'badUrl';
          preview.value = null;
          addPhase.value = 'idle';
        });
        return Promise.resolve();
      }
      const requested = permissions.request([pattern]);
      // Asked in the same turn as the request, so before anyone could answer its prompt.
      const heldBefore = permissions.contains([pattern]);
      if (testGrant && testGrant.pattern !== pattern) releaseTestGrant();
      const seq = ++testSeq;
      batch(() => {
        addPhase.value = 'testing';
        addError.value = null;
        preview.value = null;
      });
      return Promise.all([requested, heldBefore])
        .then(([ok, before]) => {
          if (ok && !before) {
            if (seq === testSeq) testGrant = { pattern };
            else giveBack(pattern);
          }
          return sendMessage('testFeed', { url });
        })
        .then(
          (result) => {
            if (seq !== testSeq) return;
            batch(() => {
              preview.value = result;
              previewUrl.value = url;
              if (result.ok && !feedName.value.trim() && result.title) feedName.value = result.title;
              addPhase.value = 'tested';
            });
          },
          () => {
            if (seq !== testSeq) return;
            batch(() => {
              addError.value = 'testFailed';
              addPhase.value = 'idle';
            });
          },
        );
    },

    /**
     * Must be called straight from the click handler: the permission prompt needs the user's gesture, so
     * `permissions.request` is the first thing that runs, before any await.
     */
    addTestedFeed(): Promise<boolean> {
      const url = previewUrl.value;
      const pattern = url ? sitePattern(url) : null;
      if (!url || !pattern || !preview.value?.ok) return Promise.resolve(false);
      // Already granted by the Test click in most cases: the same port-less pattern then resolves true
      // without a second prompt (Firefox prompts again for a pattern that carries the port).
      const request = permissions.request([pattern]);
      addPhase.value = 'adding';
      return request.then(async (ok) => {
        if (!ok) {
          batch(() => {
            addError.value = 'permissionDenied';
            addPhase.value = 'tested';
          });
          return false;
        }
        try {
          await sendMessage('addFeed', {
            url,
            name: feedName.value.trim() || preview.value?.title || undefined,
          });
          // The feed uses the origin now: nothing to give back.
          testGrant = null;
          resetAddForm();
          return true;
        } catch {
          batch(() => {
            addError.value = 'addFailed';
            addPhase.value = 'tested';
          });
          return false;
        }
      });
    },

    /** For a feed whose origin is not granted (imported, or permission revoked): ask again, in the click. */
    grantFeed(feed: FeedConfig): Promise<boolean> {
      const pattern = sitePattern(feed.url);
      if (!pattern) return Promise.resolve(false);
      return permissions.request([pattern]).then((ok) => {
        granted.value = { ...granted.value, [feed.id]: ok };
        if (ok) void sendMessage('refreshFeed', { feedId: feed.id }).catch(() => undefined);
        return ok;
      });
    },

    refreshFeed(feedId: string): Promise<void> {
      return sendMessage('refreshFeed', { feedId }).then(
        () => undefined,
        () => undefined,
      );
    },

    // ---- remove with undo ---------------------------------------------------------------------------------

    async removeFeed(id: string): Promise<void> {
      const current = await feedsItem.getValue();
      const index = current.findIndex((feed) => feed.id === id);
      const feed = current[index];
      if (!feed) return;
      settleRemoval();
      await feedsItem.setValue(current.filter((other) => other.id !== id));
      pendingRemoval.value = { feed, index };
      undoTimer = setTimeout(settleRemoval, undoMs);
    },

    async undoRemove(): Promise<void> {
      const pending = pendingRemoval.value;
      if (!pending) return;
      if (undoTimer) clearTimeout(undoTimer);
      pendingRemoval.value = null;
      const current = await feedsItem.getValue();
      if (current.some((feed) => feed.id === pending.feed.id)) return;
      const next = [...current];
      next.splice(Math.min(pending.index, next.length), 0, pending.feed);
      await feedsItem.setValue(next);
    },

    dismissUndo(): void {
      settleRemoval();
    },

    // ---- settings file ------------------------------------------------------------------------------------

    async exportText(): Promise<string> {
      const [currentSettings, currentFeeds] = await Promise.all([settingsItem.getValue(), feedsItem.getValue()]);
      return JSON.stringify(buildSettingsFile(currentSettings, currentFeeds, clock()), null, 2);
    },

    /** All or nothing: a file with any problem changes nothing and lists the problems. */
    async importText(text: string): Promise<boolean> {
      importDone.value = false;
      const result = parseSettingsFile(text);
      if (!result.ok) {
        importProblems.value = result.problems;
        return false;
      }
      importProblems.value = null;
      await feedsItem.setValue(result.feeds);
      await settingsItem.setValue(result.settings);
      importDone.value = true;
      return true;
    },
  };
}

export type OptionsModel = ReturnType<typeof createOptionsModel>;
