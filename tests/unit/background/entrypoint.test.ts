/**
 * The real entrypoint with the production wiring (lib/feeds, lib/location and its gazetteer files), on the
 * fake browser, a fake clock and a fake network; the worker is stopped and started again on the same storage.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background/index';
import { REFRESH_ALARM } from '../../../lib/background/schedule';
import { runningBackground } from '../../../lib/background/worker';
import { sendMessage } from '../../../lib/messages';
import { feedDataItem } from '../../../lib/storage';
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
  translator,
  type FakeNetwork,
  type IcsEvent,
} from './support';

const FEED_URL = 'https://luma.com/ics/get?entity=calendar&id=cal-nantes';
const EXTENSION = 'chrome-extension://test-extension-id/';
let network: FakeNetwork;
let events: IcsEvent[];
let dtstamp = T0;

beforeEach(async () => {
  vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  network = fakeNetwork();
  events = [nantesEvent(1, T0 + 3 * DAY), nantesEvent(2, T0 + 5 * DAY, { geo: undefined, location: 'Le Lieu Unique, Quai Ferdinand Favre, 44000 Nantes, France' })];
  network.routes.set(FEED_URL, icsRoute(() => icsFeed(events.map((event) => ({ ...event, dtstamp: (dtstamp += 1000) })))));
  const realFetch = network.fetch;
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    // The gazetteer the worker loads from the extension's own files.
    if (url.startsWith(`${EXTENSION}gazetteer/`)) return readFile(`public/${url.slice(EXTENSION.length)}`, 'utf8').then((text) => new Response(text));
    return realFetch(input, init);
  });
  // The fake browser has no i18n.
  Object.assign(fakeBrowser.i18n, { getMessage: translator('en'), getUILanguage: () => 'en-GB' });
  await givenSettings();
  await givenFeeds([feedConfig('luma', FEED_URL)]);
});

afterEach(() => {
  runningBackground()?.stop();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function main(): Promise<void> {
  background.main();
  await runningBackground()?.idle();
}

describe('background.main()', () => {
  it('syncs, resolves places with the gazetteer, and never notifies twice across a worker restart', async () => {
    await main();
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toBeDefined();
    const stored = await feedDataItem('luma').getValue();
    expect(stored.events).toHaveLength(2);
    // Placed from the address alone by lib/location.
    expect(stored.events[1]?.resolved?.distanceKm).toBeLessThan(10);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(shownNotifications()).toEqual({});

    events.push(nantesEvent(3, T0 + 6 * DAY));
    vi.setSystemTime(T0 + HOUR);
    await sendMessage('refreshAll', undefined);
    await runningBackground()?.idle();
    expect(Object.values(shownNotifications()).map((options) => options.title)).toEqual(['New meetup: Nantes JS #3']);
    await fakeBrowser.notifications.clear(Object.keys(shownNotifications())[0]!);

    // MV3 stops the worker; later it starts again (overdue refresh), then the extension updates.
    runningBackground()?.stop();
    vi.setSystemTime(T0 + 3 * HOUR);
    await main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await runningBackground()?.idle();
    expect(network.requests.filter((request) => request.url === FEED_URL)).toHaveLength(3);
    expect(shownNotifications()).toEqual({});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('3');
    // Loading the real gazetteer (a 2 MB index) takes a few seconds on a busy machine.
  }, 30_000);
});
