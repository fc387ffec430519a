/** The worker keeps the popup's index (lib/popup-index.ts) in step with the feeds, settings and seen ids. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPopupIndexWriter } from '../../../lib/background/popup-index-writer';
import { loadStoredView } from '../../../lib/background/stored-view';
import { startBackground, type BackgroundApi } from '../../../lib/background/worker';
import { popupIndexFeedData } from '../../../lib/popup-index';
import { feedsItem, popupIndexItem, settingsItem } from '../../../lib/storage';
import { systemTimeZone } from '../../../lib/time';
import { DAY, fakeNetwork, feedConfig, givenFeeds, givenSettings, icsFeed, icsRoute, nantesEvent, PARIS_GEO, T0, testDeps } from './support';

const URL_A = 'https://example.org/a.ics';
const URL_B = 'https://example.org/b.ics';

const listed = async () =>
  Object.values((await popupIndexItem.getValue())?.feeds ?? {}).flatMap((feed) => feed.events.map((event) => event.title));

describe('popup index written by the worker', () => {
  let worker: BackgroundApi | null = null;
  beforeEach(() => {
    vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    worker?.stop();
    vi.useRealTimers();
  });

  function network() {
    const net = fakeNetwork();
    net.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + DAY), nantesEvent(2, T0 + 2 * DAY), nantesEvent(3, T0 + DAY, { geo: PARIS_GEO, summary: 'Paris JS' })])));
    net.routes.set(URL_B, () => new Response('', { status: 500 }));
    return net;
  }

  it('after a refresh: the near events in order, the failing feed’s error, usable by the popup', async () => {
    await givenSettings();
    await givenFeeds([feedConfig('a', URL_A), feedConfig('b', URL_B)]);
    worker = startBackground(testDeps(network()));
    await worker.idle();
    expect(await listed()).toEqual(['Nantes JS #1', 'Nantes JS #2']);
    const index = (await popupIndexItem.getValue())!;
    expect(index.feeds.b!.state.error).toBeTruthy();
    const [settings, feeds] = await Promise.all([settingsItem.getValue(), feedsItem.getValue()]);
    expect(popupIndexFeedData(index, settings, feeds, systemTimeZone())).not.toBeNull();
  });

  it('is rebuilt when the radius changes, and when a feed is disabled', async () => {
    await givenSettings();
    await givenFeeds([feedConfig('a', URL_A), feedConfig('b', URL_B)]);
    worker = startBackground(testDeps(network()));
    await worker.idle();
    await settingsItem.setValue({ ...(await settingsItem.getValue()), radiusKm: 500 });
    await worker.idle();
    expect(await listed()).toEqual(['Nantes JS #1', 'Paris JS', 'Nantes JS #2']);
    await feedsItem.setValue([feedConfig('a', URL_A, { enabled: false }), feedConfig('b', URL_B)]);
    await worker.idle();
    expect(await listed()).toEqual([]);
    const [settings, feeds] = await Promise.all([settingsItem.getValue(), feedsItem.getValue()]);
    expect(popupIndexFeedData(await popupIndexItem.getValue(), settings, feeds, systemTimeZone())).not.toBeNull();
  });

  it('follows the seen ids (the popup\'s "New" markers)', async () => {
    await givenSettings();
    await givenFeeds([feedConfig('a', URL_A)]);
    worker = startBackground(testDeps(network()));
    await worker.idle();
    expect((await popupIndexItem.getValue())!.seenIds).toEqual([]);
    await worker.handlers.markSeen({});
    await worker.idle();
    expect((await popupIndexItem.getValue())!.seenIds).toHaveLength(2);
  });

  it('is not written again when nothing it holds changed', async () => {
    await givenSettings();
    await givenFeeds([feedConfig('a', URL_A)]);
    const net = network();
    worker = startBackground(testDeps(net));
    await worker.idle();
    const writes = vi.fn();
    const stop = popupIndexItem.watch(writes);
    await worker.updateBadge();
    await settingsItem.setValue({ ...(await settingsItem.getValue()), refreshMinutes: 180 });
    await worker.idle();
    stop();
    expect(writes).not.toHaveBeenCalled();
    expect(await listed()).toEqual(['Nantes JS #1', 'Nantes JS #2']);
  });

  it('the writer builds for the zone it is given', async () => {
    await givenSettings();
    await givenFeeds([]);
    await createPopupIndexWriter(() => 'Asia/Tokyo')(await loadStoredView(), new Set(), T0);
    expect((await popupIndexItem.getValue())!.key).toContain('Asia/Tokyo');
    expect(await fakeBrowser.storage.local.get('popupIndex')).toHaveProperty('popupIndex');
  });
});
