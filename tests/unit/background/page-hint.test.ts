import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_CHARS, type TabPage } from '../../../lib/background/discover-handler';
import { createPageHint, PAGE_HINT_TEXT, type PageHintAction, type PageHintDeps } from '../../../lib/background/page-hint';
import { DEFAULT_SETTINGS, type FeedConfig } from '../../../lib/settings';

const page = (name: string) => readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url), 'utf8');
const wordpress = page('wordpress-events.html');
const meetupGroup = page('meetup-group.html');
const nothing = page('nothing.html');

const GLOBAL_TITLE = 'Local Meetups\nNew meetups near you since you last looked: 3';

function feed(url: string, enabled = true): FeedConfig {
  return { id: url, url, name: url, format: 'auto', enabled, timeZone: null, home: null, addedAt: '2026-11-01T00:00:00Z' };
}

/**
 * browser.action as the browsers behave: per-tab values over the global ones; text null falls back to the
 * global text; a null title is refused by Chrome's schema and unsets the tab's title in Firefox.
 */
function fakeAction(browserName: 'chrome' | 'firefox') {
  const text = new Map<number, string>();
  const title = new Map<number, string>();
  const calls: string[] = [];
  const action: PageHintAction = {
    async setBadgeText({ tabId, text: value }) {
      calls.push(`setBadgeText ${tabId} ${value}`);
      if (value === null) text.delete(tabId);
      else text.set(tabId, value);
    },
    async getBadgeText({ tabId }) {
      return (tabId !== undefined ? text.get(tabId) : undefined) ?? '3';
    },
    async setTitle({ tabId, title: value }) {
      if (value === null) {
        if (browserName === 'chrome') throw new TypeError("Error in invocation of action.setTitle: Error at property 'title': Invalid type: expected string, found null.");
        title.delete(tabId);
      } else title.set(tabId, value);
      calls.push(`setTitle ${tabId}`);
    },
    async getTitle({ tabId }) {
      return (tabId !== undefined ? title.get(tabId) : undefined) ?? GLOBAL_TITLE;
    },
  };
  return { action, calls, shown: (tabId: number) => ({ text: text.get(tabId) ?? null, title: title.get(tabId) ?? null }) };
}

interface Setup {
  on?: boolean;
  permission?: boolean;
  feeds?: FeedConfig[];
  pages?: Record<number, TabPage | Error>;
  browserName?: 'chrome' | 'firefox';
  tabs?: { id: number; url?: string; active?: boolean }[];
}

function setup(options: Setup = {}) {
  const state = { on: options.on ?? true, permission: options.permission ?? true, feeds: options.feeds ?? [] };
  const fake = fakeAction(options.browserName ?? 'chrome');
  const reads: number[] = [];
  const waits: { ms: number; release: () => void }[] = [];
  let autoWait = true;
  const tabs = options.tabs ?? [];
  const deps: PageHintDeps = {
    readTab: async (tabId) => {
      reads.push(tabId);
      const result = options.pages?.[tabId];
      if (!result) throw new Error('Cannot access contents of url "chrome://newtab/"');
      if (result instanceof Error) throw result;
      return result;
    },
    action: fake.action,
    settings: async () => ({ ...DEFAULT_SETTINGS, pageFeedHint: state.on }),
    feeds: async () => state.feeds,
    hasPermission: async () => state.permission,
    tabUrl: async (tabId) => tabs.find((tab) => tab.id === tabId)?.url,
    activeTabs: async () => tabs.filter((tab) => tab.active).map(({ id, url }) => ({ id, url })),
    allTabIds: async () => tabs.map((tab) => tab.id),
    translate: (key, subs) => `${key}(${(subs ?? []).join(',')})`,
    wait: (ms) =>
      autoWait
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waits.push({ ms, release: resolve });
          }),
  };
  return {
    hint: createPageHint(deps),
    state,
    reads,
    waits,
    holdTimers: () => {
      autoWait = false;
    },
    ...fake,
  };
}

const WP_URL = 'https://www.example-asso.fr/agenda/';

describe('page feed hint', () => {
  it('does nothing at all while the setting is off, not even reading the page', async () => {
    const t = setup({ on: false, pages: { 4: { html: wordpress, url: WP_URL } } });
    expect(await t.hint.onTabUpdated(4, { status: 'complete' }, { url: WP_URL })).toBe('off');
    expect(await t.hint.onTabActivated({ tabId: 4 })).toBe('off');
    expect(await t.hint.check(4, WP_URL)).toBe('off');
    expect(t.reads).toEqual([]);
    expect(t.calls).toEqual([]);
  });

  it('does nothing when the setting is on but the browser does not grant the sites (refused, taken back, imported)', async () => {
    const t = setup({ permission: false, pages: { 4: { html: wordpress, url: WP_URL } } });
    expect(await t.hint.onTabUpdated(4, { status: 'complete' }, { url: WP_URL })).toBe('no-permission');
    expect(t.reads).toEqual([]);
    expect(t.calls).toEqual([]);
  });

  it.each([
    ['chrome://extensions/'],
    ['about:addons'],
    ['file:///home/me/agenda.html'],
    ['view-source:https://www.example-asso.fr/'],
    [undefined],
  ])('does nothing on a tab at %s', async (url) => {
    const t = setup({ pages: { 4: { html: wordpress, url: WP_URL } } });
    expect(await t.hint.onTabUpdated(4, { status: 'complete' }, { url })).toBe('not-web');
    expect(t.reads).toEqual([]);
    expect(t.calls).toEqual([]);
  });

  it('waits for the page to finish loading', async () => {
    const t = setup({ pages: { 4: { html: wordpress, url: WP_URL } } });
    expect(t.hint.onTabUpdated(4, { status: 'loading' }, { url: WP_URL })).toBeNull();
    expect(t.hint.onTabUpdated(4, { title: 'Agenda' } as { status?: string }, { url: WP_URL })).toBeNull();
    expect(t.reads).toEqual([]);
  });

  it('shows "+" and a title counting the feeds not added yet on a page that offers some', async () => {
    const t = setup({ pages: { 4: { html: wordpress, url: WP_URL } } });
    expect(await t.hint.onTabUpdated(4, { status: 'complete' }, { url: WP_URL })).toBe('hint');
    // The six finds of the popup's panel (two declared feeds, two calendar links, a Meetup group, the page's events).
    expect(t.shown(4)).toEqual({ text: PAGE_HINT_TEXT, title: `pageHintTitle(6)\n${GLOBAL_TITLE}` });
    expect(t.shown(5)).toEqual({ text: null, title: null });
  });

  it('counts only what is not added yet: a feed added as webcal:// is the https:// link of the page', async () => {
    const t = setup({ feeds: [feed('webcal://www.example-asso.fr/evenements/?ical=1')], pages: { 4: { html: wordpress, url: WP_URL } } });
    expect(await t.hint.check(4, WP_URL)).toBe('hint');
    expect(t.shown(4).title).toMatch(/^pageHintTitle\(5\)\n/);
  });

  it.each([
    ['webcal:// for an https link', 'webcal://agenda.example.org/feed.ics', 'https://agenda.example.org/feed.ics'],
    ['https:// for a webcal link', 'https://agenda.example.org/feed.ics', 'webcal://agenda.example.org/feed.ics'],
    ['a disabled feed', 'https://agenda.example.org/feed.ics', 'https://agenda.example.org/feed.ics'],
    ['a fragment typed by the user', 'https://agenda.example.org/feed.ics#events', 'https://agenda.example.org/feed.ics'],
  ])('clears the hint when the only feed of the page is added (%s)', async (label, added, linked) => {
    const html = `<html><head><link rel="alternate" type="text/calendar" href="${linked}"></head><body></body></html>`;
    const t = setup({ pages: { 4: { html, url: 'https://agenda.example.org/' } } });
    expect(await t.hint.check(4, 'https://agenda.example.org/')).toBe('hint');
    t.state.feeds = [feed(added, label !== 'a disabled feed')];
    expect(await t.hint.check(4, 'https://agenda.example.org/')).toBe('none');
    // Cleared in Chrome: text back to the global count (null), title back to the global one.
    expect(t.shown(4)).toEqual({ text: null, title: GLOBAL_TITLE });
  });

  it('clears the Meetup group hint once its iCal feed is added', async () => {
    const url = 'https://www.meetup.com/caencamp/';
    const t = setup({ pages: { 2: { html: meetupGroup, url } } });
    expect(await t.hint.check(2, url)).toBe('hint');
    t.state.feeds = [feed('https://www.meetup.com/caencamp/events/ical/')];
    expect(await t.hint.check(2, url)).toBe('none');
    expect(t.shown(2).text).toBeNull();
  });

  it('unsets the title with null where the browser allows it (Firefox)', async () => {
    const html = '<link rel="alternate" type="text/calendar" href="/feed.ics">';
    const t = setup({ browserName: 'firefox', pages: { 4: { html, url: 'https://agenda.example.org/' } } });
    await t.hint.check(4, 'https://agenda.example.org/');
    t.state.feeds = [feed('https://agenda.example.org/feed.ics')];
    await t.hint.check(4, 'https://agenda.example.org/');
    expect(t.shown(4)).toEqual({ text: null, title: null });
  });

  it('leaves a tab that never showed the hint alone (no frozen copy of the global title)', async () => {
    const t = setup({ pages: { 4: { html: nothing, url: 'https://blog.example.org/' } } });
    expect(await t.hint.check(4, 'https://blog.example.org/')).toBe('none');
    expect(t.calls).toEqual([]);
  });

  it('skips a page that reaches the size limit, and a page that cannot be scripted', async () => {
    const huge = `<link rel="alternate" type="text/calendar" href="/feed.ics">${'x'.repeat(MAX_PAGE_CHARS)}`.slice(0, MAX_PAGE_CHARS);
    const t = setup({ pages: { 4: { html: huge, url: 'https://big.example.org/' }, 5: new Error('The extensions gallery cannot be scripted.') } });
    expect(await t.hint.check(4, 'https://big.example.org/')).toBe('too-large');
    expect(await t.hint.check(5, 'https://chromewebstore.google.com/')).toBe('unreadable');
    expect(t.calls).toEqual([]);
  });

  it('debounces the events of one tab: only the last one reads the page', async () => {
    const t = setup({ pages: { 4: { html: wordpress, url: WP_URL } } });
    t.holdTimers();
    const first = t.hint.onTabUpdated(4, { status: 'complete' }, { url: WP_URL });
    const second = t.hint.onTabUpdated(4, { status: 'complete' }, { url: WP_URL });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.waits.map((w) => w.ms)).toEqual([400, 400]);
    for (const w of t.waits) w.release();
    expect(await first).toBe('stale');
    expect(await second).toBe('hint');
    expect(t.reads).toEqual([4]);
  });

  it('reads a tab shown again only when its URL changed since it was read', async () => {
    const tabs = [{ id: 4, url: WP_URL, active: true }];
    const t = setup({ tabs, pages: { 4: { html: wordpress, url: WP_URL } } });
    await t.hint.onTabUpdated(4, { status: 'complete' }, { url: WP_URL });
    expect(await t.hint.onTabActivated({ tabId: 4 })).toBe('none');
    expect(t.reads).toEqual([4]);
    tabs[0]!.url = 'https://www.example-asso.fr/contact/';
    await t.hint.onTabActivated({ tabId: 4 });
    expect(t.reads).toEqual([4, 4]);
  });

  it('turned off: takes the hint off every tab that shows it, and only those', async () => {
    const html = '<link rel="alternate" type="text/calendar" href="/feed.ics">';
    const tabs = [
      { id: 1, url: 'https://a.example.org/', active: true },
      { id: 2, url: 'https://b.example.org/' },
      { id: 3, url: 'https://c.example.org/' },
    ];
    const t = setup({ tabs, pages: { 1: { html, url: tabs[0]!.url }, 2: { html, url: tabs[1]!.url }, 3: { html: nothing, url: tabs[2]!.url } } });
    for (const tab of tabs) await t.hint.check(tab.id, tab.url);
    expect([1, 2, 3].map((id) => t.shown(id).text)).toEqual(['+', '+', null]);
    t.state.on = false;
    t.calls.length = 0;
    await t.hint.clearAll();
    expect([1, 2, 3].map((id) => t.shown(id))).toEqual([1, 2, 3].map(() => ({ text: null, title: GLOBAL_TITLE })).map((v, i) => (i === 2 ? { text: null, title: null } : v)));
    expect(t.calls.filter((c) => c.includes(' 3'))).toEqual([]);
  });

  it('turned on (or a feed added): reads the tabs shown in each window', async () => {
    const tabs = [
      { id: 1, url: WP_URL, active: true },
      { id: 2, url: 'https://b.example.org/' },
    ];
    const t = setup({ tabs, pages: { 1: { html: wordpress, url: WP_URL }, 2: { html: wordpress, url: 'https://b.example.org/' } } });
    await t.hint.recheckActiveTabs();
    expect(t.reads).toEqual([1]);
    expect(t.shown(1).text).toBe('+');
    t.state.on = false;
    await t.hint.recheckActiveTabs();
    expect(t.reads).toEqual([1]);
  });
});
