import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackground, type BackgroundApi } from '../../../lib/background/worker';
import { sendMessage } from '../../../lib/messages';
import { feedDataItem, feedsItem } from '../../../lib/storage';
import {
  DAY,
  fakeNetwork,
  feedConfig,
  givenFeeds,
  givenSettings,
  HOUR,
  icsFeed,
  icsRoute,
  nantesEvent,
  shownNotifications,
  T0,
  testDeps,
  type FakeNetwork,
} from './support';

const URL_A = 'https://www.meetup.com/nantes-js/events/ical/';
let network: FakeNetwork;
let worker: BackgroundApi | null = null;

beforeEach(async () => {
  vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  network = fakeNetwork();
  network.routes.set(
    URL_A,
    icsRoute(() =>
      icsFeed(
        [nantesEvent(0, T0 - 2 * DAY), ...[1, 2, 3, 4, 5].map((n) => nantesEvent(n, T0 + n * DAY))],
        { name: 'Nantes JS' },
      ),
    ),
  );
  await givenSettings();
});

afterEach(() => {
  worker?.stop();
  worker = null;
  vi.useRealTimers();
});

async function start(overrides: Parameters<typeof testDeps>[1] = {}): Promise<BackgroundApi> {
  worker = startBackground(testDeps(network, overrides));
  await worker.idle();
  return worker;
}

describe('testFeed', () => {
  it('previews the next 3 events, saving nothing (through the message contract)', async () => {
    await start();
    const preview = await sendMessage('testFeed', { url: URL_A });
    expect(preview).toMatchObject({ ok: true, error: null, format: 'ical', title: 'Nantes JS', eventCount: 5 });
    expect(preview.next.map((event) => event.title)).toEqual(['Nantes JS #1', 'Nantes JS #2', 'Nantes JS #3']);
    expect(preview.next[0]?.resolved?.distanceKm).toBeLessThan(5);
    expect(await feedsItem.getValue()).toEqual([]);
  });

  it.each([
    ['a server error', () => new Response('', { status: 500 }), 'HTTP 500 from www.meetup.com', 'httpServer', { status: 500, host: 'www.meetup.com' }],
    ['a missing page', () => new Response('', { status: 404 }), 'HTTP 404 from www.meetup.com', 'httpNotFound', { status: 404, host: 'www.meetup.com' }],
    [
      'an HTML page',
      () => new Response('<html><body>Hi</body></html>', { headers: { 'Content-Type': 'text/html' } }),
      /HTML page/,
      'notAFeed',
      { found: expect.stringMatching(/HTML page/), foundKind: 'htmlPage' },
    ],
    [
      'broken JSON',
      () => new Response('{"events": [', { headers: { 'Content-Type': 'application/json' } }),
      /JSON/,
      'malformed',
      { found: expect.stringMatching(/JSON/), foundKind: 'brokenJson' },
    ],
  ])('returns a short error and its code for %s', async (_, route, error, errorCode, errorParams) => {
    network.routes.set(URL_A, route);
    await start();
    const preview = await worker!.handlers.testFeed({ url: URL_A });
    expect(preview.ok).toBe(false);
    expect(preview.error).toMatch(error);
    expect(preview).toMatchObject({ errorCode, errorParams });
  });

  it('returns a short error for an address it cannot read', async () => {
    await start();
    expect(await worker!.handlers.testFeed({ url: 'javascript:alert(1)' })).toMatchObject({
      ok: false,
      error: 'Only http, https and webcal addresses can be read',
      errorCode: 'unsupportedUrl',
    });
  });

  it('says the permission is missing when a server without CORS cannot be read yet', async () => {
    network.routes.set(URL_A, () => Promise.reject(new TypeError('Failed to fetch')));
    await start({ hasHostPermission: async () => false });
    expect(await worker!.handlers.testFeed({ url: URL_A })).toMatchObject({
      ok: false,
      errorCode: 'permission',
      errorParams: { host: 'www.meetup.com' },
    });
  });
});

describe('addFeed', () => {
  it('saves the feed, names it after the feed title, syncs it and notifies nothing', async () => {
    await start();
    const config = await sendMessage('addFeed', { url: ` ${URL_A} ` });
    expect(config).toMatchObject({ url: URL_A, name: 'Nantes JS', enabled: true, format: 'auto', addedAt: new Date(T0).toISOString() });
    await worker?.idle();
    expect(await feedsItem.getValue()).toEqual([config]);
    const data = await feedDataItem(config.id).getValue();
    expect(data.events).toHaveLength(5);
    expect(data.state.synced).toBe(true);
    expect(network.requests).toHaveLength(1);
    expect(shownNotifications()).toEqual({});
  });

  it('keeps the name the user gave, and the feed options', async () => {
    await start();
    const home = { city: 'Nantes', country: 'FR', lat: 47.2172, lon: -1.5534, source: 'directory' as const };
    const config = await worker!.handlers.addFeed({ url: URL_A, name: 'JS à Nantes', timeZone: 'Europe/Paris', home });
    expect(config).toMatchObject({ name: 'JS à Nantes', timeZone: 'Europe/Paris', home });
  });

  it('refuses a feed already in the list', async () => {
    await givenFeeds([feedConfig('a', URL_A)]);
    await start();
    await expect(worker!.handlers.addFeed({ url: URL_A })).rejects.toThrow('This feed is already in your list');
  });

  // Discovery and the directory call these the same feed: adding must agree, or one feed is listed twice.
  it.each([
    ['a Meetup group slug in other letter case', 'https://www.meetup.com/Nantes-JS/events/ical/'],
    ['its webcal:// address', 'webcal://www.meetup.com/nantes-js/events/ical/'],
    ['an address with a fragment and spaces', ` ${URL_A}#upcoming `],
  ])('refuses %s of a feed already in the list', async (_, url) => {
    await givenFeeds([feedConfig('a', URL_A)]);
    await start();
    await expect(worker!.handlers.addFeed({ url })).rejects.toThrow('This feed is already in your list');
    expect(await feedsItem.getValue()).toHaveLength(1);
  });

  it('adds a feed named twice in one batch once ("Add all")', async () => {
    await start();
    const added = await worker!.handlers.addFeeds({ feeds: [{ url: URL_A }, { url: 'https://www.meetup.com/NANTES-JS/events/ical/' }] });
    expect(added.map((config) => config.url)).toEqual([URL_A]);
    expect((await feedsItem.getValue()).map((config) => config.url)).toEqual([URL_A]);
  });

  it('then announces new events of that feed on later refreshes', async () => {
    await start();
    const config = await worker!.handlers.addFeed({ url: URL_A });
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + DAY), nantesEvent(9, T0 + 9 * DAY)])));
    vi.setSystemTime(T0 + HOUR);
    await worker!.handlers.refreshFeed({ feedId: config.id });
    await worker?.idle();
    expect(Object.values(shownNotifications()).map((options) => options.title)).toEqual(['New meetup: Nantes JS #9']);
  });
});

describe('gazetteer look-ups', () => {
  it('are answered by the worker', async () => {
    const nantes = { geonameId: 2990969, name: 'Nantes', region: 'Pays de la Loire', country: 'FR', lat: 47.2, lon: -1.55, timeZone: 'Europe/Paris', population: 300000 };
    await start({ searchCities: async (query) => (query === 'nan' ? [nantes] : []), nearestCity: async () => nantes });
    expect(await sendMessage('searchCities', { query: 'nan' })).toEqual([nantes]);
    expect(await sendMessage('nearestCity', { lat: 47.2, lon: -1.5 })).toEqual(nantes);
  });
});
