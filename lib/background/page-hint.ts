/**
 * The optional toolbar hint: a "+" on the button, for one tab, when the page in it offers a feed
 * that is not added yet. Off by default (`Settings.pageFeedHint`): reading the page a tab shows without a click
 * needs access to every http(s) site, which the options page asks for when the user turns the hint on.
 *
 * Cheap by design: only the page's own markup is read (the same injected function as "Find feeds on this
 * page") and searched with the same pure `findFeedCandidates`; no candidate is fetched. Events of one tab are
 * debounced, and a result that arrives after a newer event of the same tab is dropped.
 *
 * Per-tab values override the global badge (the new-event count) on that tab only, and the browser drops them
 * when the tab navigates. Clearing one by hand: badge text `null` falls back to the global text in Chrome and
 * Firefox; a title cannot be unset in Chrome (`title` must be a string), so there the tab gets the global
 * title back as its own.
 */
import { browser } from 'wxt/browser';
import { findFeedCandidates } from '../discover/find-feed-candidates';
import { sitePermissions } from '../permissions';
import { PAGE_HINT_ORIGINS, type FeedConfig, type Settings } from '../settings';
import { feedsItem, settingsItem } from '../storage';
import type { Translate } from './deps';
import { sameFeed } from '../stored-feed-url';
import { MAX_PAGE_CHARS, readTabWithScripting, type TabPage } from './discover-handler';

export const PAGE_HINT_TEXT = '+';
/** Loading pages fire several events; switching tabs quickly fires one per tab passed. */
export const PAGE_HINT_DEBOUNCE_MS = 400;

/** The slice of `browser.action` the hint uses. */
export interface PageHintAction {
  setBadgeText(details: { tabId: number; text: string | null }): Promise<void>;
  getBadgeText(details: { tabId?: number }): Promise<string>;
  setTitle(details: { tabId: number; title: string | null }): Promise<void>;
  getTitle(details: { tabId?: number }): Promise<string>;
}

export interface PageHintDeps {
  /** The tab's markup and URL (browser.scripting in production). */
  readTab(tabId: number): Promise<TabPage>;
  action: PageHintAction;
  settings(): Promise<Settings>;
  feeds(): Promise<FeedConfig[]>;
  /** Whether PAGE_HINT_ORIGINS are granted; the user can take them back in the browser's settings any time. */
  hasPermission(): Promise<boolean>;
  /** The URL of a tab (tabs.get), for events that do not carry it. */
  tabUrl(tabId: number): Promise<string | undefined>;
  /** Ids and URLs of the tabs shown in each window, and of every tab (to clear). */
  activeTabs(): Promise<{ id: number; url?: string }[]>;
  allTabIds(): Promise<number[]>;
  translate: Translate;
  wait(ms: number): Promise<void>;
}

export type PageHintOutcome = 'off' | 'no-permission' | 'not-web' | 'too-large' | 'unreadable' | 'stale' | 'none' | 'hint';

function isWebUrl(url: string | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}

/** Candidates of the page that no configured feed (enabled or not) already reads. */
export function unaddedCandidates(page: TabPage, feeds: readonly FeedConfig[]) {
  return findFeedCandidates(page.html, page.url).filter((candidate) => !feeds.some((feed) => sameFeed(feed.url, candidate.url)));
}

export function createPageHint(deps: PageHintDeps) {
  /** Bumped by every event of a tab: only the latest one's result is shown. */
  const sequence = new Map<number, number>();
  /** The URL each tab was last checked at, so that coming back to a tab does not read it again. */
  const checkedUrl = new Map<number, string>();

  function bump(tabId: number): number {
    const next = (sequence.get(tabId) ?? 0) + 1;
    sequence.set(tabId, next);
    return next;
  }

  async function hasHint(tabId: number): Promise<boolean> {
    try {
      return (await deps.action.getBadgeText({ tabId })) === PAGE_HINT_TEXT;
    } catch {
      return false;
    }
  }

  async function clear(tabId: number): Promise<void> {
    // Only a tab showing the hint is touched: Chrome's fallback below would freeze the global title there.
    if (!(await hasHint(tabId))) return;
    await deps.action.setBadgeText({ tabId, text: null });
    try {
      await deps.action.setTitle({ tabId, title: null });
    } catch {
      // Chrome: no null title. The tab keeps its own copy of the global title until it navigates.
      await deps.action.setTitle({ tabId, title: await deps.action.getTitle({}) });
    }
  }

  async function show(tabId: number, count: number): Promise<void> {
    const global = await deps.action.getTitle({}).catch(() => '');
    const line = deps.translate('pageHintTitle', [String(count)]);
    await deps.action.setBadgeText({ tabId, text: PAGE_HINT_TEXT });
    await deps.action.setTitle({ tabId, title: global ? `${line}\n${global}` : line });
  }

  async function enabled(): Promise<'off' | 'no-permission' | null> {
    if (!(await deps.settings()).pageFeedHint) return 'off';
    try {
      return (await deps.hasPermission()) ? null : 'no-permission';
    } catch {
      return 'no-permission';
    }
  }

  /** Reads the tab now and sets or clears its hint; `seq` drops a result a newer event made stale. */
  async function check(tabId: number, url: string | undefined, seq = bump(tabId)): Promise<PageHintOutcome> {
    const blocked = await enabled();
    if (blocked) return blocked;
    if (!isWebUrl(url)) return 'not-web';
    let page: TabPage;
    try {
      page = await deps.readTab(tabId);
    } catch {
      // The page went away, or the browser forbids scripting it (the web store, a PDF).
      return 'unreadable';
    }
    if (sequence.get(tabId) !== seq) return 'stale';
    checkedUrl.set(tabId, page.url);
    // The reader stops at MAX_PAGE_CHARS: a page that long is skipped rather than half-read on every visit.
    const found = page.html.length >= MAX_PAGE_CHARS ? null : unaddedCandidates(page, await deps.feeds());
    if (sequence.get(tabId) !== seq) return 'stale';
    if (!found || found.length === 0) {
      await clear(tabId);
      return found ? 'none' : 'too-large';
    }
    await show(tabId, found.length);
    return 'hint';
  }

  /** A debounced `check`: the last event of a tab within PAGE_HINT_DEBOUNCE_MS wins. */
  async function schedule(tabId: number, url: string | undefined): Promise<PageHintOutcome> {
    // Nothing at all (no timer, no read) while the hint is off: the common case.
    const blocked = await enabled();
    if (blocked) return blocked;
    if (!isWebUrl(url)) return 'not-web';
    const seq = bump(tabId);
    await deps.wait(PAGE_HINT_DEBOUNCE_MS);
    if (sequence.get(tabId) !== seq) return 'stale';
    return check(tabId, url, seq);
  }

  return {
    check,
    schedule,

    /** tabs.onUpdated: a page finished loading. */
    onTabUpdated(tabId: number, changeInfo: { status?: string }, tab: { url?: string }): Promise<PageHintOutcome> | null {
      if (changeInfo.status !== 'complete') return null;
      return schedule(tabId, tab.url);
    },

    /** tabs.onActivated: a tab shown again is read only if it was never read at its current URL. */
    async onTabActivated({ tabId }: { tabId: number }): Promise<PageHintOutcome> {
      const blocked = await enabled();
      if (blocked) return blocked;
      const url = await deps.tabUrl(tabId).catch(() => undefined);
      if (url && checkedUrl.get(tabId) === url) return 'none';
      return schedule(tabId, url);
    },

    /** The hint turned on, or the feeds changed (one was just added from this page): read the shown tabs again. */
    async recheckActiveTabs(): Promise<void> {
      if (await enabled()) return;
      checkedUrl.clear();
      const tabs = await deps.activeTabs();
      await Promise.all(tabs.map((tab) => check(tab.id, tab.url)));
    },

    /** The hint turned off: take it off every tab showing it. */
    async clearAll(): Promise<void> {
      checkedUrl.clear();
      const ids = await deps.allTabIds();
      for (const id of ids) bump(id);
      await Promise.all(ids.map((id) => clear(id).catch(() => undefined)));
    },
  };
}

export type PageHint = ReturnType<typeof createPageHint>;

/** The hint wired to the browser and storage. */
export function createBrowserPageHint(translate: Translate): PageHint {
  const action = browser.action as unknown as PageHintAction;
  return createPageHint({
    readTab: readTabWithScripting,
    action,
    settings: () => settingsItem.getValue(),
    feeds: () => feedsItem.getValue(),
    hasPermission: () => sitePermissions.contains(PAGE_HINT_ORIGINS),
    tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
    activeTabs: async () =>
      (await browser.tabs.query({ active: true })).flatMap((tab) => (tab.id === undefined ? [] : [{ id: tab.id, url: tab.url }])),
    allTabIds: async () => (await browser.tabs.query({})).flatMap((tab) => (tab.id === undefined ? [] : [tab.id])),
    translate,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
}
