// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createFindFeedsModel, createSuggestedGroupsModel, type DiscoverDeps } from '../../../components/discover/discover-model';
import { FindFeedsPanel } from '../../../components/discover/find-feeds-panel';
import { bundledDirectory } from '../../../lib/directory/bundled-directory';
import type { DiscoveredFeed } from '../../../lib/discover/types';
import type { FeedConfig } from '../../../lib/settings';
import type { DirectoryGroup, SuggestedGroups as SuggestedGroupsAnswer } from '../../../lib/directory/directory-schema';
import { SuggestedGroups } from '../../../components/discover/suggested-groups';

/** Groups shaped like the generated directory's: Meetup chapters share one origin, a Luma calendar has its own. */
function group(name: string, slug: string, extra: Partial<DirectoryGroup> = {}): DirectoryGroup {
  return {
    name,
    city: 'New York',
    country: 'US',
    coordinates: { lat: 40.7143, lon: -74.006 },
    feedUrl: `https://www.meetup.com/${slug}/events/ical/`,
    format: 'ical',
    platform: 'meetup',
    homepage: `https://www.meetup.com/${slug}/`,
    tags: ['r', 'data-science'],
    sources: [{ name: 'R-Ladies', url: 'https://github.com/rladies/meetupr', licence: 'CC-BY-4.0' }],
    ...extra,
  };
}

function answerOf(count: number, extra: Array<{ group: DirectoryGroup; alreadyAdded?: boolean }> = []): SuggestedGroupsAnswer {
  const groups = Array.from({ length: count }, (_, i) => ({ group: group(`Group ${i + 1}`, `group-${i + 1}`), distanceKm: i + 0.4, alreadyAdded: false }));
  return {
    groups: [...groups, ...extra.map((e, i) => ({ group: e.group, distanceKm: count + i + 0.4, alreadyAdded: e.alreadyAdded ?? false }))],
    city: 'New York',
    radiusKm: 25,
    source: 'downloaded',
    version: '2026-11-21',
    error: null,
  };
}

const icalFeed: DiscoveredFeed = {
  url: 'https://www.example-asso.fr/evenements/?ical=1',
  title: 'Normandie Libre » Flux iCal',
  format: 'ical',
  kind: 'link',
  eventCountOnPage: null,
  preview: { ok: true, error: null, format: 'ical', title: 'Normandie Libre', eventCount: 3, next: [], warnings: [] },
  alreadyAdded: false,
};
const pageFeed: DiscoveredFeed = {
  url: 'https://www.example-asso.fr/agenda/',
  title: 'Agenda - Normandie Libre',
  format: 'html',
  kind: 'jsonld',
  eventCountOnPage: 2,
  preview: { ok: false, error: 'No permission to read www.example-asso.fr', format: null, title: null, eventCount: 0, next: [], warnings: [] },
  alreadyAdded: false,
};

function fakeDeps(overrides: Partial<DiscoverDeps> = {}) {
  const calls: string[] = [];
  const deps: DiscoverDeps = {
    activeTabId: async () => 42,
    discoverFeeds: async (tabId) => {
      calls.push(`discover:${tabId}`);
      return [icalFeed, pageFeed];
    },
    suggestGroups: async () => ({
      groups: [{ group: bundledDirectory().groups.find((g) => g.name === 'CaenCamp')!, distanceKm: 1.2, alreadyAdded: false }],
      city: 'Caen',
      radiusKm: 25,
      source: 'bundled',
      version: '2026-11-21',
      error: null,
    }),
    requestOrigin: (origin) => {
      calls.push(`permission:${origin}`);
      return Promise.resolve(true);
    },
    requestOrigins: (origins) => {
      calls.push(`permissions:${origins.join(',')}`);
      return Promise.resolve(true);
    },
    addFeed: async (data) => {
      calls.push(`add:${data.url}:${data.format}:${data.name}`);
      return { id: 'x', url: data.url } as FeedConfig;
    },
    addFeeds: async (feeds) => {
      calls.push(`addAll:${feeds.map((feed) => `${feed.url}@${feed.home?.city}/${feed.home?.source}`).join(',')}`);
      return feeds.map((feed, index) => ({ id: `x${index}`, url: feed.url }) as FeedConfig);
    },
    ...overrides,
  };
  return { deps, calls };
}

describe('discover models', () => {
  it('scans the active tab and adds a feed: permission first, then addFeed with the format hint', async () => {
    const { deps, calls } = fakeDeps();
    const model = createFindFeedsModel(deps);
    await model.scan();
    expect(model.phase.value).toBe('done');
    expect(model.results.value).toHaveLength(2);

    const adding = model.add(pageFeed);
    // Asked synchronously inside the click: nothing awaited before the prompt.
    expect(calls.at(-1)).toBe('permission:https://www.example-asso.fr');
    expect(model.addStates.value[pageFeed.url]).toBe('adding');
    expect(await adding).toBe(true);
    expect(calls.at(-1)).toBe('add:https://www.example-asso.fr/agenda/:html:Agenda - Normandie Libre');
    expect(model.addStates.value[pageFeed.url]).toBe('added');
    // A second click does nothing.
    expect(await model.add(pageFeed)).toBe(false);
  });

  it('asks for the site a feed is fetched from: a webcal feed’s https origin, nothing for an address it cannot fetch', async () => {
    const { deps, calls } = fakeDeps();
    const model = createFindFeedsModel(deps);
    expect(await model.add({ ...icalFeed, url: 'webcal://cal.example/team.ics' })).toBe(true);
    expect(calls).toContain('permission:https://cal.example');
    expect(await model.add({ ...icalFeed, url: 'ftp://x.example/a.ics' })).toBe(false);
    expect(calls.filter((call) => call.startsWith('permission:'))).toEqual(['permission:https://cal.example']);
  });

  it.each<[string, Partial<DiscoverDeps>, 'denied' | 'failed']>([
    ['permission refused', { requestOrigin: async () => false }, 'denied'],
    ['permission request throws', { requestOrigin: () => { throw new Error('not in a gesture'); } }, 'denied'],
    ['addFeed fails', { addFeed: async () => Promise.reject(new Error('This feed is already in your list')) }, 'failed'],
  ])('reports %s', async (_label, overrides, state) => {
    const { deps } = fakeDeps(overrides);
    const model = createFindFeedsModel(deps);
    expect(await model.add(icalFeed)).toBe(false);
    expect(model.addStates.value[icalFeed.url]).toBe(state);
  });

  it('fails the scan when there is no tab or the page cannot be read', async () => {
    for (const overrides of [{ activeTabId: async () => null }, { discoverFeeds: () => Promise.reject(new Error('chrome://')) }]) {
      const model = createFindFeedsModel(fakeDeps(overrides).deps);
      await model.scan();
      expect(model.phase.value).toBe('failed');
    }
  });

  it('asks once for every site whose preview failed, then scans again', async () => {
    const { deps, calls } = fakeDeps();
    const model = createFindFeedsModel(deps);
    await model.scan();
    const allowing = model.allowPreviews();
    expect(calls.at(-1)).toBe('permissions:https://www.example-asso.fr'); // only the failed one, in the click
    expect(await allowing).toBe(true);
    expect(calls.filter((c) => c.startsWith('discover:'))).toHaveLength(2);
  });

  it('loads suggestions and adds a group by its feed URL', async () => {
    const { deps, calls } = fakeDeps();
    const model = createSuggestedGroupsModel(deps);
    await model.load();
    expect(model.phase.value).toBe('ready');
    await model.add(model.answer.value!.groups[0]!);
    expect(calls.slice(-2)).toEqual([
      'permission:https://www.meetup.com',
      'add:https://www.meetup.com/caencamp/events/ical/:ical:CaenCamp',
    ]);
  });

  it('"Add all" asks ONCE for every site the groups need, in the click, then adds them in one go with their homes', async () => {
    const luma = group('NYC Rust', 'x', { feedUrl: 'https://api.lu.ma/ics/get?entity=calendar&id=cal-abc', platform: 'luma', city: 'Brooklyn', coordinates: { lat: 40.6501, lon: -73.9496 } });
    const added = group('PyLadies NYC', 'pyladies-nyc');
    const { deps, calls } = fakeDeps({ suggestGroups: async () => answerOf(2, [{ group: luma }, { group: added, alreadyAdded: true }]) });
    const model = createSuggestedGroupsModel(deps);
    await model.load();
    expect(model.addable()).toHaveLength(3);
    const adding = model.addAll();
    // Synchronously, before any await: the prompt needs the click's gesture. Two Meetup groups, one origin.
    expect(calls.at(-1)).toBe('permissions:https://www.meetup.com,https://api.lu.ma');
    expect(calls.filter((call) => call.startsWith('permission'))).toHaveLength(1);
    expect(await adding).toBe(3);
    expect(calls.at(-1)).toBe(
      'addAll:https://www.meetup.com/group-1/events/ical/@New York/directory,https://www.meetup.com/group-2/events/ical/@New York/directory,' +
        'https://api.lu.ma/ics/get?entity=calendar&id=cal-abc@Brooklyn/directory',
    );
    expect(model.addStates.value[luma.feedUrl]).toBe('added');
    expect(model.addable()).toEqual([]);
  });

  it('one add and "Add all" share each group\'s state: a group on its way is left out, an added one is not asked again', async () => {
    let grant: (granted: boolean) => void = () => {};
    const { deps, calls } = fakeDeps({
      suggestGroups: async () => answerOf(2),
      requestOrigin: (origin) => {
        calls.push(`permission:${origin}`);
        return new Promise((resolve) => (grant = resolve));
      },
    });
    const model = createSuggestedGroupsModel(deps);
    await model.load();
    const [first, second] = model.answer.value!.groups;
    const one = model.add(first!);
    expect(model.addable()).toEqual([second]);
    expect(await model.addAll()).toBe(1);
    expect(calls.at(-1)).toBe('addAll:https://www.meetup.com/group-2/events/ical/@New York/directory');
    grant(true);
    expect(await one).toBe(true);
    expect(await model.add(second!)).toBe(false);
    expect(calls.filter((call) => call.startsWith('permission'))).toHaveLength(2);
  });

  it.each<[string, Partial<DiscoverDeps>, 'denied' | 'failed']>([
    ['refused', { requestOrigins: async () => false }, 'denied'],
    ['addFeeds fails', { addFeeds: () => Promise.reject(new Error('storage full')) }, 'failed'],
  ])('"Add all" %s: every group says so', async (_label, overrides, state) => {
    const { deps, calls } = fakeDeps({ suggestGroups: async () => answerOf(3), ...overrides });
    const model = createSuggestedGroupsModel(deps);
    await model.load();
    expect(await model.addAll()).toBe(0);
    expect(Object.values(model.addStates.value)).toEqual([state, state, state]);
    if (state === 'denied') expect(calls.some((call) => call.startsWith('addAll:'))).toBe(false);
  });
});

describe('FindFeedsPanel', () => {
  let root: HTMLElement;
  beforeEach(() => {
    // Keys (with their substitutions) stand in for the catalogue: the test reads which message is shown.
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) =>
      key === 'localeTag' ? 'en' : subs?.length ? `${key}(${subs.join('|')})` : key) as never);
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockImplementation(() => 'en-US');
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  it('lists what it finds with format and event counts, and adds one in a click', async () => {
    const { deps, calls } = fakeDeps();
    const model = createFindFeedsModel(deps);
    await act(() => render(<FindFeedsPanel model={model} />, root));
    const find = root.querySelector<HTMLButtonElement>('button.discover-find')!;
    expect(find.textContent).toBe('discoverFind');

    await act(async () => {
      find.click();
      await vi.waitFor(() => expect(model.phase.value).toBe('done'));
    });
    const items = [...root.querySelectorAll('li.discover-item')];
    expect(items.map((li) => li.getAttribute('data-feed-url'))).toEqual([icalFeed.url, pageFeed.url]);
    expect(items[0]!.querySelector('.discover-name')!.textContent).toBe('Normandie Libre');
    expect(items[0]!.querySelector('.discover-meta')!.textContent).toBe('discoverKindLink · discoverFormatIcal · discoverEventCount_other(3)');
    // The page's own count stands in when its preview could not be fetched.
    expect(items[1]!.querySelector('.discover-meta')!.textContent).toBe('discoverKindJsonld · discoverFormatHtml · discoverEventCount_other(2)');
    expect(items[1]!.querySelector('button')!.getAttribute('aria-label')).toBe('discoverAddNamed(Agenda - Normandie Libre)');

    await act(async () => {
      items[0]!.querySelector<HTMLButtonElement>('button.discover-add')!.click();
      await vi.waitFor(() => expect(model.addStates.value[icalFeed.url]).toBe('added'));
    });
    expect(calls).toContain('permission:https://www.example-asso.fr');
    expect(root.querySelector(`li[data-feed-url="${icalFeed.url}"] .discover-status`)!.textContent).toBe('discoverAdded');
  });
});

describe('SuggestedGroups', () => {
  let root: HTMLElement;
  beforeEach(() => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) =>
      key === 'localeTag' ? 'en' : subs?.length ? `${key}(${subs.join('|')})` : key) as never);
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockImplementation(() => 'en-US');
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  it('lists the closest groups first with platform and tag chips, a few at a time, and "Add all (N)"', async () => {
    const { deps } = fakeDeps({ suggestGroups: async () => answerOf(30, [{ group: group('Own', 'own', { platform: 'other', tags: [] }) }]) });
    const model = createSuggestedGroupsModel(deps);
    await act(() => render(<SuggestedGroups model={model} compact />, root));
    await act(() => vi.waitFor(() => expect(model.phase.value).toBe('ready')));
    const names = () => [...root.querySelectorAll('.discover-name')].map((el) => el.textContent);
    expect(names()).toEqual(['Group 1', 'Group 2', 'Group 3', 'Group 4', 'Group 5']);
    const chips = [...root.querySelectorAll('li.discover-item')[0]!.querySelectorAll('.chip')].map((el) => el.textContent);
    expect(chips).toEqual(['Meetup', 'r', 'data-science']);
    expect(root.querySelector('.discover-add-all button')!.textContent).toBe('groupsAddAll(31)');
    const more = root.querySelector<HTMLButtonElement>('button.discover-more')!;
    expect(more.textContent).toBe('showMore(20)');
    await act(() => more.click());
    expect(names()).toHaveLength(25);
    await act(() => root.querySelector<HTMLButtonElement>('button.discover-more')!.click());
    expect(names().at(-1)).toBe('Own');
    expect([...root.querySelectorAll('li.discover-item')].at(-1)!.querySelector('.chip')!.textContent).toBe('groupsPlatformOther');
    expect(root.querySelector('button.discover-more')).toBeNull();
  });
});
