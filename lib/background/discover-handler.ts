/**
 * The worker's side of discovery: `discoverFeeds` reads the active tab's markup (activeTab +
 * scripting, injected only when the user asks), finds the candidates with the same pure function as the CLI,
 * and tests each one through the very `testFeed` handler the options page uses. `suggestGroups` answers from
 * the groups directory, downloading an update from `Settings.directoryUrl` when one is due.
 */
import { browser } from 'wxt/browser';
import { bundledDirectory } from '../directory/bundled-directory';
import { directoryStateItem, feedsItem, settingsItem } from '../storage';
import { sameFeed } from '../stored-feed-url';
import { mapWithConcurrency } from './concurrency';
import { findFeedCandidates } from '../discover/find-feed-candidates';
import type { DiscoveredFeed, FeedCandidate } from '../discover/types';
import type { GroupsDirectory, SuggestedGroups } from '../directory/directory-schema';
import { groupsNearby } from '../directory/groups-nearby';
import {
  directoryInUse,
  isDirectoryStale,
  refreshDirectory,
  type DirectoryState,
  type FetchLike,
} from '../directory/update-directory';
import type { FeedPreview } from '../discover/types';
import type { ProtocolMap } from '../messages';
import type { FeedConfig, Settings } from '../settings';

export interface TabPage {
  html: string;
  url: string;
}

export interface DiscoverDeps {
  /** The tab's markup and URL (browser.scripting in production). */
  readTab(tabId: number): Promise<TabPage>;
  /** The `testFeed` message's handler. */
  testFeed(data: Parameters<ProtocolMap['testFeed']>[0]): Promise<FeedPreview>;
  feeds(): Promise<FeedConfig[]>;
  settings(): Promise<Settings>;
  directoryState: { get(): Promise<DirectoryState>; set(state: DirectoryState): Promise<void> };
  bundledDirectory(): GroupsDirectory;
  fetch: FetchLike;
  now(): number;
}

/** A page offering more than this is a list of links, not a group: the first ones are the relevant ones. */
export const MAX_TESTED_CANDIDATES = 12;
const TEST_CONCURRENCY = 3;
/** Markup beyond this is not read: feed links live in the head and the page's first screens. */
export const MAX_PAGE_CHARS = 5_000_000;

function failedPreview(error: string): FeedPreview {
  return { ok: false, error, format: null, title: null, eventCount: 0, next: [], warnings: [] };
}

export function createDiscoverHandlers(deps: DiscoverDeps) {
  async function testCandidate(candidate: FeedCandidate, configured: FeedConfig[]): Promise<DiscoveredFeed> {
    const alreadyAdded = configured.some((feed) => sameFeed(feed.url, candidate.url));
    let preview: FeedPreview;
    try {
      preview = await deps.testFeed({ url: candidate.url, format: candidate.format });
    } catch (error) {
      preview = failedPreview(error instanceof Error ? error.message : 'The feed could not be tested');
    }
    return { ...candidate, preview, alreadyAdded };
  }

  return {
    async discoverFeeds({ tabId }: { tabId: number }): Promise<DiscoveredFeed[]> {
      let page: TabPage;
      try {
        page = await deps.readTab(tabId);
      } catch {
        // Browser pages (chrome://, the web store, PDF viewers) cannot be scripted.
        throw new Error('This page cannot be read. Open the group’s web page and try again.');
      }
      const candidates = findFeedCandidates(page.html.slice(0, MAX_PAGE_CHARS), page.url).slice(0, MAX_TESTED_CANDIDATES);
      const configured = await deps.feeds();
      return mapWithConcurrency(candidates, TEST_CONCURRENCY, (candidate) => testCandidate(candidate, configured));
    },

    async suggestGroups(): Promise<SuggestedGroups> {
      const [settings, configured] = await Promise.all([deps.settings(), deps.feeds()]);
      const url = settings.directoryUrl?.trim() || null;
      let state = await deps.directoryState.get();
      const now = deps.now();
      if (isDirectoryStale(state, url, now)) {
        state = await refreshDirectory(state, url, { fetch: deps.fetch, now, bundledVersion: deps.bundledDirectory().version });
        await deps.directoryState.set(state);
      }
      const inUse = directoryInUse(state, url, deps.bundledDirectory());
      const nearby = groupsNearby(inUse.directory, settings.city, settings.radiusKm);
      return {
        groups: nearby.map((near) => ({
          ...near,
          alreadyAdded: configured.some((feed) => sameFeed(feed.url, near.group.feedUrl)),
        })),
        city: settings.city?.name ?? null,
        radiusKm: settings.radiusKm,
        source: inUse.source,
        version: inUse.directory.version,
        error: inUse.error,
      };
    },
  };
}

export type DiscoverHandlers = ReturnType<typeof createDiscoverHandlers>;

/** The tab's markup, read by a one-off injected function (no content script stays in the page). */
export async function readTabWithScripting(tabId: number): Promise<TabPage> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    // Runs in the page: self-contained, and it only reads.
    func: () => ({ html: document.documentElement.outerHTML.slice(0, 5_000_000), url: document.URL }),
  });
  const result = injection?.result as Partial<TabPage> | undefined;
  if (!result || typeof result.html !== 'string' || typeof result.url !== 'string') throw new Error('No page content');
  return { html: result.html, url: result.url };
}

/** The handlers wired to the browser, storage and network; `testFeed` is the worker's own handler. */
export function createBrowserDiscoverHandlers(testFeed: DiscoverDeps['testFeed']): DiscoverHandlers {
  return createDiscoverHandlers({
    readTab: readTabWithScripting,
    testFeed,
    feeds: () => feedsItem.getValue(),
    settings: () => settingsItem.getValue(),
    directoryState: { get: () => directoryStateItem.getValue(), set: (state) => directoryStateItem.setValue(state) },
    bundledDirectory,
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
  });
}
