import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REFRESH_ALARM, RETRY_ALARM } from '../../../lib/background/schedule';
import { startBackground, type BackgroundApi } from '../../../lib/background/worker';
import { parseFeed } from '../../../lib/feeds/index';
import { feedDataItem, feedsItem, refreshStatusItem, settingsItem } from '../../../lib/storage';
import {
  DAY,
  fakeNetwork,
  feedConfig,
  givenFeeds,
  givenSettings,
  hangingRoute,
  HOUR,
  icsFeed,
  icsRoute,
  nantesEvent,
  NANTES,
  PARIS_GEO,
  T0,
  testDeps,
  type FakeNetwork,
} from './support';

const URL_A = 'https://www.meetup.com/nantes-js/events/ical/';
const URL_B = 'https://luma.com/ics/get?entity=calendar&id=cal-nantes';

let network: FakeNetwork;
let worker: BackgroundApi | null = null;

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  network = fakeNetwork();
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

const requestsTo = (url: string) => network.requests.filter((request) => request.url === url).length;

describe('refresh alarm', () => {
  it('is created when missing, with the configured period', async () => {
    await givenSettings({ refreshMinutes: 90 });
    await start();
    const alarm = await fakeBrowser.alarms.get(REFRESH_ALARM);
    expect(alarm?.periodInMinutes).toBe(90);
  });

  it('is left alone by a worker restart, so it still fires on time', async () => {
    await givenSettings();
    await start();
    const first = await fakeBrowser.alarms.get(REFRESH_ALARM);
    worker?.stop();
    vi.setSystemTime(T0 + 20 * 60_000);
    await start();
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.scheduledTime).toBe(first?.scheduledTime);
  });

  it.each(['install', 'update'] as const)('is re-created on %s', async (reason) => {
    await givenSettings({ refreshMinutes: 30 });
    await start();
    vi.setSystemTime(T0 + 10 * 60_000);
    await fakeBrowser.runtime.onInstalled.trigger({ reason, previousVersion: '0.0.1' });
    await worker?.idle();
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.scheduledTime).toBe(T0 + 40 * 60_000);
  });

  it.each([
    [5, 15],
    [60, 60],
    [24 * 60 + 1, 24 * 60],
  ])('a period of %i min is kept within 15 min – 24 h (%i)', async (minutes, expected) => {
    await givenSettings({ refreshMinutes: minutes });
    await start();
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.periodInMinutes).toBe(expected);
  });

  it('is re-created when the period setting changes', async () => {
    await givenSettings({ refreshMinutes: 60 });
    await start();
    await settingsItem.setValue({ ...(await settingsItem.getValue()), refreshMinutes: 120 });
    await worker?.idle();
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.periodInMinutes).toBe(120);
  });
});

describe('what is refreshed when', () => {
  beforeEach(async () => {
    await givenSettings();
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + 3 * DAY)])));
    network.routes.set(URL_B, icsRoute(() => icsFeed([nantesEvent(2, T0 + 4 * DAY)])));
  });

  it('a worker start refreshes overdue feeds only (the computer slept, the worker was stopped)', async () => {
    await givenFeeds([feedConfig('a', URL_A), feedConfig('b', URL_B)]);
    await feedDataItem('a').setValue({
      state: { ...(await feedDataItem('a').getValue()).state, lastAttempt: new Date(T0 - 3 * HOUR).toISOString(), synced: true },
      events: [],
    });
    await feedDataItem('b').setValue({
      state: { ...(await feedDataItem('b').getValue()).state, lastAttempt: new Date(T0 - 10 * 60_000).toISOString(), synced: true },
      events: [],
    });
    await start();
    expect(requestsTo(URL_A)).toBe(1);
    expect(requestsTo(URL_B)).toBe(0);
  });

  it('the alarm refreshes what is due; refreshAll refreshes everything', async () => {
    await givenFeeds([feedConfig('a', URL_A), feedConfig('b', URL_B)]);
    await start();
    expect(network.requests).toHaveLength(2);
    vi.setSystemTime(T0 + 30 * 60_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
    await worker?.idle();
    expect(network.requests).toHaveLength(2);
    vi.setSystemTime(T0 + 60 * 60_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
    await worker?.idle();
    expect(network.requests).toHaveLength(4);
    const summary = await worker?.handlers.refreshAll();
    expect(summary).toEqual({ refreshed: 0, unchanged: 2, failed: 0, skipped: 0 });
  });

  it("respects a feed's REFRESH-INTERVAL / X-PUBLISHED-TTL as a minimum", async () => {
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + 3 * DAY)], { ttl: 'PT6H' })));
    await givenFeeds([feedConfig('a', URL_A)]);
    await start();
    expect((await feedDataItem('a').getValue()).state.minRefreshMinutes).toBe(360);
    for (const hours of [1, 2, 5]) {
      vi.setSystemTime(T0 + hours * HOUR);
      await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
      await worker?.idle();
    }
    expect(requestsTo(URL_A)).toBe(1);
    vi.setSystemTime(T0 + 6 * HOUR);
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
    await worker?.idle();
    expect(requestsTo(URL_A)).toBe(2);
  });

  it('disabled feeds are never fetched', async () => {
    await givenFeeds([feedConfig('a', URL_A, { enabled: false })]);
    await start();
    expect(await worker?.handlers.refreshAll()).toEqual({ refreshed: 0, unchanged: 0, failed: 0, skipped: 0 });
    expect(network.requests).toHaveLength(0);
  });
});

describe('fetching', () => {
  beforeEach(async () => {
    await givenSettings();
  });

  it('sends the validators back: an unchanged feed costs a 304 and no parsing', async () => {
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + 3 * DAY)])));
    await givenFeeds([feedConfig('a', URL_A)]);
    const parse = vi.fn(parseFeed);
    await start({ parse });
    expect(parse).toHaveBeenCalledTimes(1);
    const before = await feedDataItem('a').getValue();
    vi.setSystemTime(T0 + 2 * HOUR);
    expect(await worker?.handlers.refreshFeed({ feedId: 'a' })).toMatchObject({ unchanged: 1 });
    expect(parse).toHaveBeenCalledTimes(1);
    expect(network.requests[1]?.headers.get('If-None-Match')).toBe(before.state.etag);
    const after = await feedDataItem('a').getValue();
    expect(after.events).toEqual(before.events);
    expect(after.state.lastSuccess).toBe(new Date(T0 + 2 * HOUR).toISOString());
    expect(after.state.lastAttempt).toBe(new Date(T0 + 2 * HOUR).toISOString());
  });

  it('sends If-Modified-Since when the server gave Last-Modified', async () => {
    const lastModified = 'Mon, 23 Nov 2026 10:00:00 GMT';
    network.routes.set(URL_A, ({ headers }) =>
      headers.get('If-Modified-Since') === lastModified
        ? new Response(null, { status: 304 })
        : new Response(icsFeed([nantesEvent(1, T0 + DAY)]), { headers: { 'Last-Modified': lastModified } }),
    );
    await givenFeeds([feedConfig('a', URL_A)]);
    await start();
    expect(await worker?.handlers.refreshAll()).toMatchObject({ unchanged: 1 });
  });

  it('fetches webcal:// over https', async () => {
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + DAY)])));
    await givenFeeds([feedConfig('a', URL_A.replace('https://', 'webcal://'))]);
    await start();
    expect(network.requests.map((request) => request.url)).toEqual([URL_A]);
    expect((await feedDataItem('a').getValue()).events).toHaveLength(1);
  });

  it('fetches at most 4 feeds at once', async () => {
    const feeds = Array.from({ length: 10 }, (_, i) => feedConfig(`f${i}`, `https://example.org/${i}.ics`));
    for (const feed of feeds) network.routes.set(feed.url, icsRoute(() => icsFeed([nantesEvent(1, T0 + DAY)])));
    await givenFeeds(feeds);
    await start();
    expect(network.requests).toHaveLength(10);
    expect(network.maxConcurrent).toBe(4);
  });

  it("writes each feed's result in one storage write", async () => {
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + DAY), nantesEvent(2, T0 + 2 * DAY)])));
    await givenFeeds([feedConfig('a', URL_A)]);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await start();
    const writes = set.mock.calls.filter(([items]) => 'feed:a' in (items as object));
    expect(writes).toHaveLength(1);
  });

  it('keeps the events it already had and the time zone choices of the feed', async () => {
    // Floating times: the feed's zone override wins over the city's zone.
    const floating = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:floating-1', 'DTSTAMP:20261120T000000Z',
      'DTSTART:20261126T183000', 'DTEND:20261126T203000', 'SUMMARY:Apéro code', 'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n');
    network.routes.set(URL_A, () => new Response(floating, { headers: { 'Content-Type': 'text/calendar' } }));
    network.routes.set(URL_B, () => new Response(floating, { headers: { 'Content-Type': 'text/calendar' } }));
    await givenFeeds([feedConfig('a', URL_A, { timeZone: 'America/New_York' }), feedConfig('b', URL_B)]);
    await start();
    expect((await feedDataItem('a').getValue()).events[0]?.start).toBe('2026-11-26T23:30:00Z');
    // No override: the city's zone (Nantes, Europe/Paris).
    expect((await feedDataItem('b').getValue()).events[0]?.start).toBe('2026-11-26T17:30:00Z');
  });

  it('prunes events that ended more than a day ago', async () => {
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + 3 * DAY), nantesEvent(2, T0 + 5 * DAY)])));
    await givenFeeds([feedConfig('a', URL_A)]);
    await start();
    vi.setSystemTime(T0 + 4 * DAY + 3 * HOUR);
    network.routes.set(URL_A, () => new Response('oops', { status: 503 }));
    await worker?.handlers.refreshAll();
    const data = await feedDataItem('a').getValue();
    expect(data.events.map((event) => event.uid)).toEqual(['event_2@meetup.com']);
  });
});

describe('failures', () => {
  beforeEach(async () => {
    await givenSettings();
    network.routes.set(URL_B, icsRoute(() => icsFeed([nantesEvent(2, T0 + 4 * DAY)])));
  });

  async function firstGoodThen(route: Parameters<FakeNetwork['routes']['set']>[1]) {
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + 3 * DAY)])));
    await givenFeeds([feedConfig('a', URL_A), feedConfig('b', URL_B)]);
    await start();
    network.routes.set(URL_A, route);
    network.routes.set(URL_B, icsRoute(() => icsFeed([nantesEvent(2, T0 + 4 * DAY), nantesEvent(3, T0 + 5 * DAY)])));
    vi.setSystemTime(T0 + 2 * HOUR);
  }

  it.each([
    ['a 500', () => new Response('Internal error', { status: 500 }), 'HTTP 500 from www.meetup.com', { code: 'httpServer', params: { status: 500, host: 'www.meetup.com' } }],
    ['a 404', () => new Response('Not found', { status: 404 }), 'HTTP 404 from www.meetup.com', { code: 'httpNotFound', params: { status: 404, host: 'www.meetup.com' } }],
    ['a 403', () => new Response('Private', { status: 403 }), 'HTTP 403 from www.meetup.com', { code: 'httpDenied', params: { status: 403, host: 'www.meetup.com' } }],
    ['a 429', () => new Response('Slow down', { status: 429 }), 'HTTP 429 from www.meetup.com', { code: 'httpOther', params: { status: 429, host: 'www.meetup.com' } }],
    ['a network error', () => Promise.reject(new TypeError('Failed to fetch')), 'Could not reach www.meetup.com', { code: 'network', params: { host: 'www.meetup.com' } }],
    [
      'an HTML page',
      () => new Response('<!doctype html><html><head><title>Log in</title></head><body><p>Hello</p></body></html>', { headers: { 'Content-Type': 'text/html' } }),
      /HTML page with no events/,
      { code: 'notAFeed', params: { found: expect.stringMatching(/HTML page with no events/), foundKind: 'htmlPage', foundDetail: '"Log in"' } },
    ],
    ['an empty answer', () => new Response(''), /empty/i, { code: 'empty', params: {} }],
    [
      'a body over the limit',
      () => new Response('x', { headers: { 'Content-Length': String(50 * 1024 * 1024) } }),
      /too large|larger|limit/i,
      { code: 'tooLarge', params: { limitBytes: 20 * 1024 * 1024 } },
    ],
  ] as const)('%s keeps the last good events, records a short error and does not stop the other feeds', async (_, route, message, problem) => {
    await firstGoodThen(route as never);
    const summary = await worker?.handlers.refreshAll();
    expect(summary).toEqual({ refreshed: 1, unchanged: 0, failed: 1, skipped: 0 });
    const a = await feedDataItem('a').getValue();
    expect(a.events.map((event) => event.uid)).toEqual(['event_1@meetup.com']);
    expect(a.state.error).toMatch(message);
    expect(a.state.error?.length).toBeLessThan(100);
    // What the pages translate (French users read French errors).
    expect({ code: a.state.errorCode, params: a.state.errorParams }).toEqual(problem);
    expect(a.state.failures).toBe(1);
    expect(a.state.lastSuccess).toBe(new Date(T0).toISOString());
    expect((await feedDataItem('b').getValue()).events).toHaveLength(2);
  });

  it('times out after 20 s', async () => {
    await firstGoodThen(hangingRoute);
    const run = worker!.handlers.refreshAll();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(await run).toMatchObject({ failed: 1, refreshed: 1 });
    expect((await feedDataItem('a').getValue()).state).toMatchObject({
      error: 'No complete answer from www.meetup.com after 20 s',
      errorCode: 'timeout',
      errorParams: { host: 'www.meetup.com', seconds: 20 },
    });
  });

  it('retries with exponential backoff, capped, and schedules a retry alarm', async () => {
    await firstGoodThen(() => new Response('', { status: 502 }));
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      await worker?.handlers.refreshFeed({ feedId: 'a' });
      const state = (await feedDataItem('a').getValue()).state;
      delays.push((Date.parse(state.nextAttemptAfter!) - Date.now()) / 60_000);
      expect((await fakeBrowser.alarms.get(RETRY_ALARM))?.scheduledTime).toBe(Date.parse(state.nextAttemptAfter!));
    }
    expect(delays).toEqual([5, 10, 20, 40, 80, 160, 320, 360, 360]);
  });

  it('a failing feed is not fetched before its backoff ends, then is; success clears the error', async () => {
    await firstGoodThen(() => new Response('', { status: 500 }));
    await worker?.handlers.refreshFeed({ feedId: 'a' });
    vi.setSystemTime(Date.now() + 4 * 60_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: RETRY_ALARM, scheduledTime: Date.now() });
    await worker?.idle();
    expect(requestsTo(URL_A)).toBe(2);
    vi.setSystemTime(Date.now() + 60_000);
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + 3 * DAY)])));
    await fakeBrowser.alarms.onAlarm.trigger({ name: RETRY_ALARM, scheduledTime: Date.now() });
    await worker?.idle();
    expect(requestsTo(URL_A)).toBe(3);
    const state = (await feedDataItem('a').getValue()).state;
    expect(state).toMatchObject({ error: null, errorCode: null, errorParams: null, failures: 0 });
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeUndefined();
  });
});

describe('progress and feed list changes', () => {
  beforeEach(async () => {
    await givenSettings();
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + 3 * DAY, { geo: PARIS_GEO })], { name: 'Nantes JS' })));
  });

  it('keeps refreshStatus up to date for the popup', async () => {
    await givenFeeds([feedConfig('a', URL_A)]);
    const seen: unknown[] = [];
    refreshStatusItem.watch((value) => seen.push(value));
    await start();
    expect(seen).toContainEqual({ running: true, done: 0, total: 1, lastRefresh: null });
    expect(await refreshStatusItem.getValue()).toEqual({ running: false, done: 1, total: 1, lastRefresh: new Date(T0).toISOString() });
  });

  it('clears a running flag left by a worker stopped mid-refresh', async () => {
    await refreshStatusItem.setValue({ running: true, done: 1, total: 3, lastRefresh: null });
    await start();
    expect((await refreshStatusItem.getValue()).running).toBe(false);
  });

  it('syncs a feed added to the list, and deletes the data of a removed one', async () => {
    await start();
    await feedsItem.setValue([feedConfig('a', URL_A)]);
    await worker?.idle();
    expect((await feedDataItem('a').getValue()).events).toHaveLength(1);
    await feedsItem.setValue([]);
    await worker?.idle();
    expect(await fakeBrowser.storage.local.get('feed:a')).toEqual({ 'feed:a': undefined });
  });

  it('re-resolves stored events when the city changes, without fetching', async () => {
    await givenFeeds([feedConfig('a', URL_A)]);
    await start();
    expect((await feedDataItem('a').getValue()).events[0]?.resolved?.distanceKm).toBeGreaterThan(300);
    await settingsItem.setValue({
      ...(await settingsItem.getValue()),
      city: { ...NANTES, geonameId: 2988507, name: 'Paris', lat: 48.8534, lon: 2.3488 },
    });
    await worker?.idle();
    expect((await feedDataItem('a').getValue()).events[0]?.resolved?.distanceKm).toBeLessThan(5);
    expect(network.requests).toHaveLength(1);
  });

  it('refetches without validators when a feed setting that changes parsing changes', async () => {
    await givenFeeds([feedConfig('a', URL_A)]);
    await start();
    await feedsItem.setValue([feedConfig('a', URL_A, { timeZone: 'Europe/London' })]);
    await worker?.idle();
    expect(network.requests).toHaveLength(2);
    expect(network.requests[1]?.headers.get('If-None-Match')).toBeNull();
  });
});

describe('browser start', () => {
  it('listens to runtime.onStartup so the browser starts the worker, which re-creates a forgotten alarm', async () => {
    await givenSettings();
    await start();
    expect(fakeBrowser.runtime.onStartup.hasListeners()).toBe(true);
    await fakeBrowser.alarms.clearAll();
    worker?.stop();
    await start();
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toBeDefined();
  });
});
