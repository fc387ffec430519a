import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { REMINDER_ALARM } from '../../../lib/background/reminders';
import { startBackground, type BackgroundApi } from '../../../lib/background/worker';
import { feedDataItem, notifiedItem, starredItem, type StarredSnapshot } from '../../../lib/storage';
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
  PARIS_GEO,
  shownNotifications,
  T0,
  testDeps,
  type FakeNetwork,
  type IcsEvent,
} from './support';

const URL_A = 'https://www.meetup.com/nantes-js/events/ical/';
let network: FakeNetwork;
let worker: BackgroundApi | null = null;
let feedEvents: IcsEvent[];
let dtstamp = T0;

beforeEach(async () => {
  vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  network = fakeNetwork();
  feedEvents = [nantesEvent(1, T0 + 3 * DAY)];
  // Luma changes DTSTAMP on every request: the ids must not.
  network.routes.set(URL_A, icsRoute(() => icsFeed(feedEvents.map((event) => ({ ...event, dtstamp: (dtstamp += 1000) })))));
  await givenSettings();
  await givenFeeds([feedConfig('a', URL_A)]);
});

afterEach(() => {
  worker?.stop();
  worker = null;
  vi.useRealTimers();
});

async function start(): Promise<BackgroundApi> {
  worker = startBackground(testDeps(network));
  await worker.idle();
  return worker;
}

async function refresh(): Promise<void> {
  vi.setSystemTime(Date.now() + HOUR);
  await worker?.handlers.refreshAll();
  await worker?.idle();
}

const titles = () => Object.values(shownNotifications()).map((options) => options.title);

describe('new events', () => {
  it('the first sync of a feed notifies nothing', async () => {
    feedEvents.push(nantesEvent(2, T0 + 4 * DAY));
    await start();
    expect((await feedDataItem('a').getValue()).events).toHaveLength(2);
    expect(titles()).toEqual([]);
  });

  it('a new upcoming event near the user is notified once, with an icon', async () => {
    await start();
    feedEvents.push(nantesEvent(2, T0 + 4 * DAY));
    await refresh();
    expect(titles()).toEqual(['New meetup: Nantes JS #2']);
    const [options] = Object.values(shownNotifications());
    expect(options?.iconUrl).toMatch(/\/icon\/128\.png$/);
    expect(options?.message).toContain('Nantes');
    await fakeBrowser.notifications.clear(Object.keys(shownNotifications())[0]!);
    await refresh();
    expect(titles()).toEqual([]);
  });

  it.each([
    ['far away', nantesEvent(2, T0 + 4 * DAY, { geo: PARIS_GEO, location: 'Paris' })],
    ['cancelled', nantesEvent(2, T0 + 4 * DAY, { status: 'CANCELLED' })],
    ['already started', nantesEvent(2, T0 - HOUR, { end: T0 + 5 * HOUR })],
  ])('an event %s is not notified', async (_, event) => {
    await start();
    feedEvents.push(event);
    await refresh();
    expect(titles()).toEqual([]);
  });

  it('more than 3 new events become one summary', async () => {
    await start();
    feedEvents.push(...[2, 3, 4, 5].map((n) => nantesEvent(n, T0 + n * DAY)));
    await refresh();
    expect(titles()).toEqual(['New meetups near you: 4']);
    expect(Object.keys(shownNotifications())[0]).toMatch(/^summary:/);
  });

  it('the same meetup published by two feeds is notified once', async () => {
    const URL_B = 'https://agenda.example.org/feed/ics';
    let aggregated: IcsEvent[] = [];
    network.routes.set(URL_B, icsRoute(() => icsFeed(aggregated)));
    await givenFeeds([feedConfig('a', URL_A), feedConfig('b', URL_B)]);
    await start();
    // Both feeds publish it in the same refresh: one notification.
    feedEvents.push(nantesEvent(2, T0 + 4 * DAY));
    aggregated = [{ ...nantesEvent(2, T0 + 4 * DAY + 5 * 60_000), uid: '42@agenda.example.org', summary: '[Agenda Nantes] Nantes JS #2', location: 'La Cantine' }];
    await refresh();
    expect(titles()).toHaveLength(1);
    // The aggregator copies a meetup the user already has from the group's own feed: no news.
    for (const id of Object.keys(shownNotifications())) await fakeBrowser.notifications.clear(id);
    aggregated.push({ ...nantesEvent(1, T0 + 3 * DAY), uid: '41@agenda.example.org', summary: 'Nantes JS #1' });
    await refresh();
    expect(titles()).toEqual([]);
  });

  it('3 new events are 3 notifications', async () => {
    await start();
    feedEvents.push(...[2, 3, 4].map((n) => nantesEvent(n, T0 + n * DAY)));
    await refresh();
    expect(titles()).toHaveLength(3);
  });

  it('never notifies the same event twice: re-fetches (new DTSTAMP), worker restarts, updates', async () => {
    await start();
    feedEvents.push(nantesEvent(2, T0 + 4 * DAY));
    await refresh();
    expect(titles()).toHaveLength(1);
    await fakeBrowser.notifications.clear(Object.keys(shownNotifications())[0]!);

    // The worker is stopped and started again (MV3 does it after 30 s idle), then the extension updates.
    worker?.stop();
    await start();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.9' });
    await worker?.idle();
    await refresh();
    // The event left the feed for a while (a glitch), then came back: still not new.
    feedEvents = feedEvents.filter((event) => event.uid !== 'event_2@meetup.com');
    await refresh();
    feedEvents.push(nantesEvent(2, T0 + 4 * DAY));
    await refresh();
    expect(titles()).toEqual([]);
  });

  it('a moved event or the next occurrence of a known UID is not "new"', async () => {
    await start();
    feedEvents = [nantesEvent(1, T0 + 5 * DAY)];
    await refresh();
    expect(titles()).toEqual([]);
  });

  it('notified ids of past events are pruned', async () => {
    await start();
    feedEvents.push(nantesEvent(2, T0 + 4 * DAY));
    await refresh();
    expect(Object.keys(await notifiedItem.getValue())).toEqual(['a|event_2@meetup.com|2026-11-28T09:00:00Z']);
    vi.setSystemTime(T0 + 10 * DAY);
    feedEvents = [nantesEvent(9, T0 + 12 * DAY)];
    await refresh();
    expect(Object.keys(await notifiedItem.getValue())).toEqual(['a|event_9@meetup.com|2026-12-06T09:00:00Z']);
  });

  it('can be turned off', async () => {
    await givenSettings({ notifyNewEvents: false });
    await start();
    feedEvents.push(nantesEvent(2, T0 + 4 * DAY));
    await refresh();
    expect(titles()).toEqual([]);
  });
});

describe('clicks', () => {
  it('opens the event page', async () => {
    await start();
    feedEvents.push(nantesEvent(2, T0 + 4 * DAY));
    await refresh();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const [id] = Object.keys(shownNotifications());
    await fakeBrowser.notifications.onClicked.trigger(id!);
    await worker?.idle();
    expect(create).toHaveBeenCalledWith({ url: 'https://www.meetup.com/nantes-js/events/2/' });
    expect(shownNotifications()).toEqual({});
  });

  it("opens the popup's view of the event when it has no page", async () => {
    await start();
    feedEvents.push(nantesEvent(2, T0 + 4 * DAY, { url: undefined }));
    await refresh();
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger(Object.keys(shownNotifications())[0]!);
    await worker?.idle();
    expect(create).toHaveBeenCalledWith({
      url: `chrome-extension://test-extension-id/popup.html#event=${encodeURIComponent('a|event_2@meetup.com|2026-11-28T09:00:00Z')}`,
    });
  });
});

function snapshotOf(n: number, start: number, extra: Partial<StarredSnapshot> = {}): StarredSnapshot {
  const startIso = new Date(start).toISOString().replace('.000', '');
  return {
    id: `a|event_${n}@meetup.com|${startIso}`,
    title: `Nantes JS #${n}`,
    start: startIso,
    location: 'La Cantine, 11 rue La Noue Bras de Fer, Nantes',
    status: 'confirmed',
    remindedAt: null,
    ...extra,
  };
}

describe('starred events', () => {
  beforeEach(async () => {
    await start();
    const snapshot = snapshotOf(1, T0 + 3 * DAY);
    await starredItem.setValue({ [snapshot.id]: snapshot });
    await worker?.idle();
  });

  it('a cancellation is notified once and the snapshot updated', async () => {
    feedEvents = [nantesEvent(1, T0 + 3 * DAY, { status: 'CANCELLED' })];
    await refresh();
    expect(titles()).toEqual(['Cancelled: Nantes JS #1']);
    expect(Object.values(await starredItem.getValue())[0]?.status).toBe('cancelled');
    await fakeBrowser.notifications.clear(Object.keys(shownNotifications())[0]!);
    await refresh();
    expect(titles()).toEqual([]);
  });

  it('a new time is notified once, and the star follows the event to its new id', async () => {
    feedEvents = [nantesEvent(1, T0 + 4 * DAY)];
    await refresh();
    expect(titles()).toEqual(['Changed: Nantes JS #1']);
    expect(Object.keys(await starredItem.getValue())).toEqual(['a|event_1@meetup.com|2026-11-28T09:00:00Z']);
    await fakeBrowser.notifications.clear(Object.keys(shownNotifications())[0]!);
    await refresh();
    expect(titles()).toEqual([]);
  });

  it('a new place is notified', async () => {
    feedEvents = [nantesEvent(1, T0 + 3 * DAY, { location: 'Stereolux, Nantes' })];
    await refresh();
    expect(titles()).toEqual(['Changed: Nantes JS #1']);
  });

  it('changes can be turned off (the snapshot still follows)', async () => {
    await givenSettings({ notifyStarredChanges: false });
    await worker?.idle();
    feedEvents = [nantesEvent(1, T0 + 3 * DAY, { status: 'CANCELLED' })];
    await refresh();
    expect(titles()).toEqual([]);
    expect(Object.values(await starredItem.getValue())[0]?.status).toBe('cancelled');
  });
});

describe('reminders', () => {
  it('one alarm for the next reminder; it fires once, one hour before', async () => {
    await start();
    const snapshot = snapshotOf(1, T0 + 3 * DAY);
    await starredItem.setValue({ [snapshot.id]: snapshot });
    await worker?.idle();
    expect((await fakeBrowser.alarms.get(REMINDER_ALARM))?.scheduledTime).toBe(T0 + 3 * DAY - HOUR);
    vi.setSystemTime(T0 + 3 * DAY - HOUR);
    await fakeBrowser.alarms.onAlarm.trigger({ name: REMINDER_ALARM, scheduledTime: Date.now() });
    await worker?.idle();
    expect(titles()).toEqual(['Starting soon: Nantes JS #1']);
    expect(Object.values(await starredItem.getValue())[0]?.remindedAt).toBe(new Date(T0 + 3 * DAY - HOUR).toISOString());
    await fakeBrowser.notifications.clear(Object.keys(shownNotifications())[0]!);
    await fakeBrowser.alarms.onAlarm.trigger({ name: REMINDER_ALARM, scheduledTime: Date.now() });
    worker?.stop();
    await start();
    expect(titles()).toEqual([]);
    expect(await fakeBrowser.alarms.get(REMINDER_ALARM)).toBeUndefined();
  });

  it('a reminder missed while the computer slept is sent at wake-up if the event has not started', async () => {
    const snapshot = snapshotOf(1, T0 + 3 * DAY);
    await starredItem.setValue({ [snapshot.id]: snapshot });
    vi.setSystemTime(T0 + 3 * DAY - 20 * 60_000);
    await start();
    expect(titles()).toEqual(['Starting soon: Nantes JS #1']);
  });

  it('says where in a word, as the other notifications do: the town kept when starred, else the location text', async () => {
    const kept = snapshotOf(1, T0 + 3 * DAY, { town: 'Nantes' });
    const older = snapshotOf(2, T0 + 3 * DAY + 30 * 60_000);
    await starredItem.setValue({ [kept.id]: kept, [older.id]: older });
    vi.setSystemTime(T0 + 3 * DAY - 20 * 60_000);
    await start();
    const messages = Object.values(shownNotifications()).map((options) => options.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/ · Nantes$/);
    expect(messages[1]).toMatch(/ · La Cantine, 11 rue La Noue Bras de Fer, Nantes$/);
  });

  it('uses the configured delay, and 0 turns reminders off', async () => {
    await givenSettings({ reminderMinutes: 15 });
    const snapshot = snapshotOf(1, T0 + 3 * DAY);
    await starredItem.setValue({ [snapshot.id]: snapshot });
    await start();
    expect((await fakeBrowser.alarms.get(REMINDER_ALARM))?.scheduledTime).toBe(T0 + 3 * DAY - 15 * 60_000);
    await givenSettings({ reminderMinutes: 0 });
    await worker?.idle();
    expect(await fakeBrowser.alarms.get(REMINDER_ALARM)).toBeUndefined();
  });
});
