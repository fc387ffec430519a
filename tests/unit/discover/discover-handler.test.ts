import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createDiscoverHandlers, MAX_TESTED_CANDIDATES, type DiscoverDeps } from '../../../lib/background/discover-handler';
import { bundledDirectory } from '../../../lib/directory/bundled-directory';
import { EMPTY_DIRECTORY_STATE, type DirectoryState, type FetchLike } from '../../../lib/directory/update-directory';
import type { FeedPreview } from '../../../lib/discover/types';
import { DEFAULT_SETTINGS, type FeedConfig, type Settings } from '../../../lib/settings';

const wordpress = readFileSync(new URL('../../fixtures/pages/wordpress-events.html', import.meta.url), 'utf8');
const NOW = Date.parse('2026-11-21T10:00:00Z');

const caen: Settings['city'] = { geonameId: 3029241, name: 'Caen', region: 'Normandie', country: 'FR', lat: 49.18585, lon: -0.35912, timeZone: 'Europe/Paris' };

function feed(url: string): FeedConfig {
  return { id: url, url, name: url, format: 'auto', enabled: true, timeZone: null, home: null, addedAt: '2026-11-01T00:00:00Z' };
}

function preview(eventCount: number, title: string | null = null): FeedPreview {
  return { ok: true, error: null, format: 'ical', title, eventCount, next: [], warnings: [] };
}

function setup(overrides: Partial<DiscoverDeps> = {}) {
  let state: DirectoryState = EMPTY_DIRECTORY_STATE;
  const tested: { url: string; format?: string }[] = [];
  const fetchCalls: string[] = [];
  const deps: DiscoverDeps = {
    readTab: async () => ({ html: wordpress, url: 'https://www.example-asso.fr/agenda/' }),
    testFeed: async (data) => {
      tested.push({ url: data.url, format: data.format });
      if (data.url.includes('meetup.com')) return { ...preview(0), ok: false, error: 'No permission to read www.meetup.com' };
      if (data.url.includes('wp-json')) throw new Error('Could not reach www.example-asso.fr');
      return preview(3, 'Normandie Libre');
    },
    feeds: async () => [feed('webcal://www.example-asso.fr/evenements/?ical=1')],
    settings: async () => ({ ...DEFAULT_SETTINGS, city: caen, radiusKm: 25 }),
    directoryState: {
      get: async () => state,
      set: async (next) => {
        state = next;
      },
    },
    bundledDirectory,
    fetch: async (input) => {
      fetchCalls.push(input);
      return { ok: false, status: 500, text: async () => '' };
    },
    now: () => NOW,
    ...overrides,
  };
  return { handlers: createDiscoverHandlers(deps), tested, fetchCalls, state: () => state };
}

describe('discoverFeeds', () => {
  it('finds the candidates of the tab and tests each through testFeed, in page order', async () => {
    const { handlers, tested } = setup();
    const found = await handlers.discoverFeeds({ tabId: 7 });
    expect(found.map((f) => [f.kind, f.url])).toEqual([
      ['link', 'https://www.example-asso.fr/evenements/?ical=1'],
      ['link', 'https://www.example-asso.fr/wp-json/tribe/events/v1/events'],
      ['anchor', 'https://www.example-asso.fr/agenda/?ical=1&eventDisplay=list'],
      ['anchor', 'https://www.example-asso.fr/wp-content/uploads/2026/01/agenda-2026.ics'],
      ['meetup', 'https://www.meetup.com/CaenCamp/events/ical/'],
      ['jsonld', 'https://www.example-asso.fr/agenda/'],
    ]);
    // The format hint travels to the test, so a JSON-LD page is read as HTML, not guessed.
    expect(tested).toContainEqual({ url: 'https://www.example-asso.fr/agenda/', format: 'html' });
    expect(tested).toHaveLength(6);

    const [ical, json, , , meetup, page] = found;
    expect(ical).toMatchObject({ alreadyAdded: true, preview: { ok: true, eventCount: 3 } }); // added as webcal://
    expect(json).toMatchObject({ alreadyAdded: false, preview: { ok: false, error: 'Could not reach www.example-asso.fr' } });
    expect(meetup!.preview).toMatchObject({ ok: false, error: 'No permission to read www.meetup.com' });
    expect(page).toMatchObject({ format: 'html', eventCountOnPage: 3, alreadyAdded: false });
  });

  it('tests at most a dozen candidates of a page full of calendar links', async () => {
    const html = Array.from({ length: 40 }, (_, i) => `<a href="/cal/${i}.ics">${i}</a>`).join('');
    const { handlers, tested } = setup({ readTab: async () => ({ html, url: 'https://links.example/' }) });
    expect(await handlers.discoverFeeds({ tabId: 1 })).toHaveLength(MAX_TESTED_CANDIDATES);
    expect(tested).toHaveLength(MAX_TESTED_CANDIDATES);
  });

  it('says so when the tab cannot be read (a browser page)', async () => {
    const { handlers } = setup({ readTab: async () => Promise.reject(new Error('Cannot access a chrome:// URL')) });
    await expect(handlers.discoverFeeds({ tabId: 1 })).rejects.toThrow(/cannot be read/);
  });

  it('answers an empty list for a page without feeds', async () => {
    const { handlers, tested } = setup({ readTab: async () => ({ html: '<title>Blog</title>', url: 'https://blog.example/' }) });
    expect(await handlers.discoverFeeds({ tabId: 1 })).toEqual([]);
    expect(tested).toEqual([]);
  });
});

describe('suggestGroups', () => {
  it('suggests the bundled groups within the radius, marking the ones already added', async () => {
    const { handlers, fetchCalls } = setup({ feeds: async () => [feed('https://www.meetup.com/CaenCamp/events/ical/')] });
    const answer = await handlers.suggestGroups();
    expect(answer).toMatchObject({ city: 'Caen', radiusKm: 25, source: 'bundled', error: null });
    expect(answer.groups.map((g) => [g.group.name, g.alreadyAdded])).toEqual([['CaenCamp', true]]);
    expect(fetchCalls).toEqual([]); // no directory URL set: nothing downloaded
  });

  it('suggests nothing before a city is chosen', async () => {
    const { handlers } = setup({ settings: async () => ({ ...DEFAULT_SETTINGS }) });
    expect(await handlers.suggestGroups()).toMatchObject({ groups: [], city: null });
  });

  it('downloads the configured directory once a day and uses it when valid', async () => {
    const url = 'https://directory.example/groups.json';
    const remote = { ...bundledDirectory(), version: '2026-12-01' };
    remote.groups = remote.groups.map((g) => (g.name === 'CaenCamp' ? { ...g, name: 'CaenCamp (from the download)' } : g));
    const fetch = vi.fn<FetchLike>(async () => ({ ok: true, status: 200, text: async () => JSON.stringify(remote) }));
    let now = NOW;
    const { handlers, state } = setup({
      settings: async () => ({ ...DEFAULT_SETTINGS, city: caen, directoryUrl: url }),
      fetch,
      now: () => now,
    });
    const first = await handlers.suggestGroups();
    expect(first).toMatchObject({ source: 'downloaded', version: '2026-12-01', error: null });
    expect(first.groups[0]!.group.name).toBe('CaenCamp (from the download)');
    expect(state().downloadedFrom).toBe(url);

    now += 60 * 60 * 1000;
    await handlers.suggestGroups();
    expect(fetch).toHaveBeenCalledTimes(1);
    now += 24 * 60 * 60 * 1000;
    await handlers.suggestGroups();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('keeps the bundled directory and reports the error when the download is bad', async () => {
    const { handlers, fetchCalls } = setup({
      settings: async () => ({ ...DEFAULT_SETTINGS, city: caen, directoryUrl: 'https://directory.example/broken.json' }),
    });
    const answer = await handlers.suggestGroups();
    expect(fetchCalls).toEqual(['https://directory.example/broken.json']);
    expect(answer).toMatchObject({ source: 'bundled', error: expect.stringMatching(/HTTP 500/) });
    expect(answer.groups.map((g) => g.group.name)).toEqual(['CaenCamp']);
  });
});
