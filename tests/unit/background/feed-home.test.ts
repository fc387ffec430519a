/**
 * Feed homes through the worker: a feed added by hand learns its home on its first sync, a spread feed learns
 * none, a directory feed brings its own, and a home the user sets moves the placeless events with it. The Test
 * preview says how many events are near.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackground, type BackgroundApi } from '../../../lib/background/worker';
import type { CityMatch } from '../../../lib/location/city-match';
import { isNearUser, nearFilterOf } from '../../../lib/location/near';
import { feedDataItem, feedsItem, popupIndexItem, settingsItem } from '../../../lib/storage';
import type { FeedHome } from '../../../lib/settings';
import {
  DAY,
  fakeNetwork,
  givenSettings,
  icsFeed,
  icsRoute,
  nantesEvent,
  NANTES,
  PARIS_GEO,
  T0,
  testDeps,
  type FakeNetwork,
  type IcsEvent,
} from './support';

const LOCAL_URL = 'https://www.meetup.com/nantes-js/events/ical/';
const SPREAD_URL = 'https://api.lu.ma/ics/get?entity=calendar&id=cal-tour';
const NANTES_TOWN: CityMatch = { ...NANTES, geonameId: 2990969, population: 277269 };

/** A venue name only: what many groups write, and what the gazetteer cannot place. */
const placeless = (n: number): IcsEvent => ({ ...nantesEvent(n, T0 + n * DAY), geo: undefined, location: 'Salle 2', uid: `placeless_${n}@meetup.com` });

let network: FakeNetwork;
let worker: BackgroundApi | null = null;

beforeEach(async () => {
  vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  network = fakeNetwork();
  network.routes.set(LOCAL_URL, icsRoute(() => icsFeed([1, 2, 3, 4].map((n) => nantesEvent(n, T0 + n * DAY)).concat(placeless(5)))));
  const tour: IcsEvent[] = [
    { ...nantesEvent(1, T0 + DAY), geo: PARIS_GEO },
    { ...nantesEvent(2, T0 + 2 * DAY), geo: { lat: 45.764, lon: 4.8357 } },
    { ...nantesEvent(3, T0 + 3 * DAY), geo: { lat: 52.5244, lon: 13.4105 } },
    nantesEvent(4, T0 + 4 * DAY),
    placeless(5),
  ];
  network.routes.set(SPREAD_URL, icsRoute(() => icsFeed(tour)));
  await givenSettings();
});

afterEach(() => {
  worker?.stop();
  worker = null;
  vi.useRealTimers();
});

async function start(): Promise<BackgroundApi> {
  worker = startBackground(testDeps(network, { nearestCity: async () => NANTES_TOWN }));
  await worker.idle();
  return worker;
}

async function nearTitles(feedId: string): Promise<string[]> {
  const filter = nearFilterOf(await settingsItem.getValue());
  return (await feedDataItem(feedId).getValue()).events.filter((event) => isNearUser(event, filter)).map((event) => event.title);
}

describe('feed homes in the worker', () => {
  it('a feed added by hand learns its town on its first sync; its placeless event is listed, at home', async () => {
    await start();
    const config = await worker!.handlers.addFeed({ url: LOCAL_URL });
    await worker!.idle();
    const [stored] = await feedsItem.getValue();
    expect(stored?.home).toEqual({ city: 'Nantes', country: 'FR', lat: NANTES.lat, lon: NANTES.lon, source: 'learned' });
    const events = (await feedDataItem(config.id).getValue()).events;
    expect(events.find((event) => event.title === 'Nantes JS #5')?.resolved).toMatchObject({ source: 'feed', city: 'Nantes' });
    expect(await nearTitles(config.id)).toContain('Nantes JS #5');
    // The popup's first paint lists it too.
    const index = await popupIndexItem.getValue();
    expect(index?.feeds[config.id]?.events).toHaveLength(5);
  });

  it('a feed spread over several cities learns no home: its placeless event is not listed', async () => {
    await start();
    const config = await worker!.handlers.addFeed({ url: SPREAD_URL });
    await worker!.idle();
    expect((await feedsItem.getValue())[0]?.home).toBeNull();
    expect(await nearTitles(config.id)).toEqual(['Nantes JS #4']);
  });

  it('a directory feed brings its group\'s town, and the user can move it', async () => {
    await start();
    const home: FeedHome = { city: 'Nantes', country: 'FR', lat: 47.2184, lon: -1.5536, source: 'directory' };
    const config = await worker!.handlers.addFeed({ url: SPREAD_URL, home });
    await worker!.idle();
    expect((await feedsItem.getValue())[0]?.home).toEqual(home);
    expect(await nearTitles(config.id)).toEqual(['Nantes JS #4', 'Nantes JS #5']);

    const paris: FeedHome = { city: 'Paris', country: 'FR', lat: PARIS_GEO.lat, lon: PARIS_GEO.lon, source: 'user' };
    await feedsItem.setValue((await feedsItem.getValue()).map((feed) => ({ ...feed, home: paris })));
    await worker!.idle();
    expect(await nearTitles(config.id)).toEqual(['Nantes JS #4']);
    const moved = (await feedDataItem(config.id).getValue()).events.find((event) => event.title === 'Nantes JS #5');
    expect(moved?.resolved).toMatchObject({ source: 'feed', city: 'Paris' });
    // A refresh keeps the user's home.
    await worker!.handlers.refreshFeed({ feedId: config.id });
    await worker!.idle();
    expect((await feedsItem.getValue())[0]?.home).toEqual(paris);
  });

  it('the Test preview says how many events are near and where the group meets', async () => {
    await start();
    expect(await worker!.handlers.testFeed({ url: LOCAL_URL })).toMatchObject({ eventCount: 5, nearCount: 5, home: { city: 'Nantes' } });
    expect(await worker!.handlers.testFeed({ url: SPREAD_URL })).toMatchObject({ eventCount: 5, nearCount: 1, home: null });
    await givenSettings({ city: null });
    expect(await worker!.handlers.testFeed({ url: LOCAL_URL })).toMatchObject({ nearCount: null });
  });

  it('"Add all" adds several feeds in one write and syncs them', async () => {
    await start();
    const home: FeedHome = { city: 'Nantes', country: 'FR', lat: 47.2184, lon: -1.5536, source: 'directory' };
    const added = await worker!.handlers.addFeeds({
      feeds: [
        { url: LOCAL_URL, name: 'Nantes JS', home },
        { url: SPREAD_URL, name: 'Tour', home },
        { url: LOCAL_URL, name: 'Twice' },
      ],
    });
    await worker!.idle();
    expect(added.map((feed) => feed.name)).toEqual(['Nantes JS', 'Tour']);
    expect((await feedsItem.getValue()).map((feed) => [feed.name, feed.home?.source])).toEqual([
      ['Nantes JS', 'directory'],
      ['Tour', 'directory'],
    ]);
    expect((await feedDataItem(added[1]!.id).getValue()).state.synced).toBe(true);
    // Already in the list: skipped, not an error.
    expect(await worker!.handlers.addFeeds({ feeds: [{ url: LOCAL_URL }] })).toEqual([]);
  });
});
