/**
 * The background worker wired up. Every listener is registered synchronously when `startBackground` is
 * called (MV3 only delivers the event that woke a worker to listeners added in its first turn); the work
 * they start runs afterwards. The worker may be stopped at any time: everything it needs is in storage.
 */
import { browser } from 'wxt/browser';
import { onMessage, removeAllMessageListeners } from '../messages';
import type { FeedConfig, Settings } from '../settings';
import { feedDataItem, feedsItem, notifiedItem, refreshStatusItem, seenItem, settingsItem, starredItem } from '../storage';
import { applyBadge, computeBadge } from './badge';
import type { BackgroundDeps } from './deps';
import { createHandlers, type Handlers } from './handlers';
import { createBrowserDiscoverHandlers } from './discover-handler';
import { createBrowserPageHint } from './page-hint';
import {
  newEventsOf,
  notificationTarget,
  planNewEventNotifications,
  planReminderNotification,
  planStarredNotifications,
  recordNotified,
  showNotifications,
  starredChangesOf,
  type NotificationPlan,
} from './notifications';
import { createPopupIndexWriter } from './popup-index-writer';
import { createRefresher, type Refresher } from './refresh';
import { dueReminders, nextReminderTime, REMINDER_ALARM, scheduleReminderAlarm } from './reminders';
import { ensureRefreshAlarm, REFRESH_ALARM, RETRY_ALARM, scheduleRetryAlarm } from './schedule';
import { applyFeedHome, feedHomeOf, sameHome } from '../location/feed-home';
import { defaultTimeZoneFor } from '../location/default-zone';
import { nearFilterOf, oncePerMeetup, readingZone } from '../upcoming';
import { enabledEvents, findEvent, loadStoredView } from './stored-view';
import type { FeedSyncResult } from './sync-feed';

export interface BackgroundApi {
  handlers: Handlers;
  refresher: Refresher;
  updateBadge(): Promise<void>;
  checkReminders(): Promise<void>;
  reResolveAll(): Promise<void>;
  /** Resolves when all the work started so far is done (tests). */
  idle(): Promise<void>;
  /** Removes every listener (a test simulating a worker restart). */
  stop(): void;
}

let current: BackgroundApi | null = null;

/** The worker started by `background.main()`, for tests that drive the real entrypoint. */
export function runningBackground(): BackgroundApi | null {
  return current;
}

function cityKey(settings: Settings): string {
  const city = settings.city;
  return city ? `${city.geonameId ?? ''}|${city.lat}|${city.lon}` : '';
}

function feedFetchKey(feed: FeedConfig): string {
  return JSON.stringify([feed.url, feed.format, feed.timeZone]);
}

export function startBackground(deps: BackgroundDeps): BackgroundApi {
  current?.stop();
  const pending = new Set<Promise<unknown>>();
  const cleanups: (() => void)[] = [];

  function track(work: Promise<unknown>): void {
    const promise = work.catch((error) => console.error('Local Meetups background:', error));
    pending.add(promise);
    void promise.finally(() => pending.delete(promise));
  }

  // Serialized so two runs never both announce the same event, and the badge never shows an older count last.
  let notifyChain: Promise<unknown> = Promise.resolve();
  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = notifyChain.then(work, work);
    notifyChain = next.catch(() => undefined);
    return next;
  }

  const context = () => ({ translate: deps.translate, locale: deps.locale });

  async function afterRun(results: FeedSyncResult[]): Promise<void> {
    const plans = await serialized(async () => {
      const view = await loadStoredView();
      const now = deps.now();
      const zone = readingZone();
      const out: NotificationPlan[] = [];
      // One notification per meetup, however many feeds publish it.
      const candidates = view.settings.notifyNewEvents
        ? oncePerMeetup(newEventsOf(results, nearFilterOf(view.settings), now, zone), enabledEvents(view), zone)
        : [];
      const recorded = recordNotified(candidates, await notifiedItem.getValue(), now, zone);
      // Persisted before showing: a worker stopped in between misses one rather than repeating it.
      await notifiedItem.setValue(recorded.notified);
      out.push(...planNewEventNotifications(recorded.fresh, { ...context(), zone, now }));
      const starred = starredChangesOf(results, await starredItem.getValue());
      if (starred.changed) await starredItem.setValue(starred.starred);
      if (view.settings.notifyStarredChanges) out.push(...planStarredNotifications(starred.changes, { ...context(), zone }));
      const states = view.feeds.filter((feed) => feed.enabled).map((feed) => view.data.get(feed.id)?.state);
      await scheduleRetryAlarm(browser.alarms, states.filter((state) => state !== undefined), now);
      return out;
    });
    await showNotifications(plans);
    await checkReminders();
    await updateBadge();
  }

  const refresher = createRefresher(deps, afterRun);
  const handlers = createHandlers(deps, refresher);
  // Discovery tests what it finds through this worker's own testFeed handler.
  const discover = createBrowserDiscoverHandlers((data) => handlers.testFeed(data));
  // The optional toolbar hint; every handler returns at once while the setting is off.
  const pageHint = createBrowserPageHint(deps.translate);

  const writePopupIndex = createPopupIndexWriter();

  /** The badge and the popup's index, both derived from the stored view after every change. */
  function updateBadge(): Promise<void> {
    return serialized(async () => {
      const [view, seen, status] = await Promise.all([loadStoredView(), seenItem.getValue(), refreshStatusItem.getValue()]);
      const now = deps.now();
      const seenIds = new Set(seen);
      const badge = computeBadge({ view, seen: seenIds, lastRefresh: status.lastRefresh, now, ...context() });
      await Promise.all([applyBadge(badge), writePopupIndex(view, seenIds, now)]);
    });
  }

  async function checkReminders(): Promise<void> {
    const plans = await serialized(async () => {
      const [settings, starred] = await Promise.all([settingsItem.getValue(), starredItem.getValue()]);
      const now = deps.now();
      const zone = readingZone();
      const due = dueReminders(starred, settings.reminderMinutes, now, zone);
      if (due.length > 0) {
        const remindedAt = new Date(now).toISOString();
        const next = { ...starred };
        for (const snapshot of due) next[snapshot.id] = { ...snapshot, remindedAt };
        await starredItem.setValue(next);
      }
      await scheduleReminderAlarm(browser.alarms, nextReminderTime(starred, settings.reminderMinutes, now, zone), now);
      return due.map((snapshot) =>
        planReminderNotification({ ...snapshot, allDay: false }, { ...context(), zone }),
      );
    });
    await showNotifications(plans);
  }

  async function reResolveAll(): Promise<void> {
    // A fetch that started with the old city would overwrite the new resolution: let it finish first.
    await refresher.idle();
    const [settings, feeds] = await Promise.all([settingsItem.getValue(), feedsItem.getValue()]);
    for (const feed of feeds) {
      const item = feedDataItem(feed.id);
      const data = await item.getValue();
      if (data.events.length === 0) continue;
      try {
        const events = applyFeedHome(await deps.resolve(data.events, { city: settings.city, feed }), feedHomeOf(feed), settings.city);
        // A refresh that wrote meanwhile already placed its newer events with the new city: keep those.
        const latest = await item.getValue();
        if (latest.state.lastAttempt !== data.state.lastAttempt) continue;
        await item.setValue({ state: latest.state, events });
      } catch (error) {
        console.warn('Local Meetups: could not place the events of', feed.name, error);
      }
    }
    await updateBadge();
  }

  /** A feed's home changed (set, cleared, learned): its events without a usable place move with it. */
  async function placeAtHomes(feeds: readonly FeedConfig[]): Promise<void> {
    await refresher.idle();
    const { city } = await settingsItem.getValue();
    for (const feed of feeds) {
      const item = feedDataItem(feed.id);
      const data = await item.getValue();
      const events = applyFeedHome(data.events, feedHomeOf(feed), city);
      if (events !== data.events) await item.setValue({ state: data.state, events });
    }
  }

  async function onWorkerStart(): Promise<void> {
    const status = await refreshStatusItem.getValue();
    // A new worker has no run in progress: one that was stopped mid-run left this flag behind.
    if (status.running) await refreshStatusItem.setValue({ ...status, running: false });
    const settings = await settingsItem.getValue();
    await ensureRefreshAlarm(browser.alarms, settings.refreshMinutes);
    await updateBadge();
    await checkReminders();
    await refresher.run({ force: false });
  }

  async function onSettingsChanged(next: Settings, previous: Settings | null): Promise<void> {
    if (!previous || previous.refreshMinutes !== next.refreshMinutes) {
      await ensureRefreshAlarm(browser.alarms, next.refreshMinutes, true);
    }
    if (!previous || cityKey(previous) !== cityKey(next)) await reResolveAll();
    if (previous && defaultTimeZoneFor(previous.city) !== defaultTimeZoneFor(next.city)) {
      // Floating times of feeds without a zone setting were read in the old city's zone: read them again (a 304
      // would keep the old reading).
      const ids = (await feedsItem.getValue()).filter((feed) => feed.enabled && !feed.timeZone).map((feed) => feed.id);
      if (ids.length > 0) await refresher.run({ force: true, feedIds: ids, ignoreValidators: true });
    }
    if (!previous || previous.reminderMinutes !== next.reminderMinutes) await checkReminders();
    await updateBadge();
  }

  async function onFeedsChanged(next: FeedConfig[], previous: FeedConfig[] | null): Promise<void> {
    const before = new Map((previous ?? []).map((feed) => [feed.id, feed]));
    const after = new Set(next.map((feed) => feed.id));
    for (const id of before.keys()) {
      if (!after.has(id)) await feedDataItem(id).removeValue({ removeMeta: true });
    }
    const added = next.filter((feed) => feed.enabled && !before.has(feed.id)).map((feed) => feed.id);
    const changed = next.filter((feed) => {
      const old = before.get(feed.id);
      return feed.enabled && old && feedFetchKey(old) !== feedFetchKey(feed);
    });
    const reEnabled = next.filter((feed) => feed.enabled && before.get(feed.id)?.enabled === false).map((feed) => feed.id);
    const homeChanged = next.filter((feed) => {
      const old = before.get(feed.id);
      return old && !sameHome(feedHomeOf(old), feedHomeOf(feed));
    });
    await Promise.all([
      added.length > 0 ? refresher.run({ force: true, feedIds: added }) : null,
      changed.length > 0 ? refresher.run({ force: true, feedIds: changed.map((feed) => feed.id), ignoreValidators: true }) : null,
      reEnabled.length > 0 ? refresher.run({ force: false, feedIds: reEnabled }) : null,
    ]);
    if (homeChanged.length > 0) await placeAtHomes(homeChanged);
    await updateBadge();
  }

  // ---- Listeners: synchronously, before any await. ----
  const onInstalled = ({ reason }: { reason: string }) => {
    if (reason === 'install' || reason === 'update') {
      track(settingsItem.getValue().then((settings) => ensureRefreshAlarm(browser.alarms, settings.refreshMinutes, true)));
    }
  };
  browser.runtime.onInstalled.addListener(onInstalled);
  cleanups.push(() => browser.runtime.onInstalled.removeListener(onInstalled));

  // Having a listener is what makes the browser start the worker when it starts (Firefox also forgets alarms
  // on restart): the start itself then re-creates a missing alarm and refreshes what is overdue.
  const onStartup = () => undefined;
  browser.runtime.onStartup.addListener(onStartup);
  cleanups.push(() => browser.runtime.onStartup.removeListener(onStartup));

  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === REFRESH_ALARM || alarm.name === RETRY_ALARM) track(refresher.run({ force: false }));
    else if (alarm.name === REMINDER_ALARM) track(checkReminders());
  };
  browser.alarms.onAlarm.addListener(onAlarm);
  cleanups.push(() => browser.alarms.onAlarm.removeListener(onAlarm));

  const onClicked = (notificationId: string) => {
    track(
      (async () => {
        const view = await loadStoredView();
        const url = notificationTarget(notificationId, (id) => findEvent(view, id)?.url);
        await browser.tabs.create({ url });
        await browser.notifications.clear(notificationId);
      })(),
    );
  };
  browser.notifications.onClicked.addListener(onClicked);
  cleanups.push(() => browser.notifications.onClicked.removeListener(onClicked));

  const onTabUpdated = (tabId: number, changeInfo: { status?: string }, tab: { url?: string }) => {
    const work = pageHint.onTabUpdated(tabId, changeInfo, tab);
    if (work) track(work);
  };
  browser.tabs.onUpdated.addListener(onTabUpdated);
  cleanups.push(() => browser.tabs.onUpdated.removeListener(onTabUpdated));

  const onTabActivated = (info: { tabId: number }) => track(pageHint.onTabActivated(info));
  browser.tabs.onActivated.addListener(onTabActivated);
  cleanups.push(() => browser.tabs.onActivated.removeListener(onTabActivated));

  removeAllMessageListeners();
  cleanups.push(
    onMessage('refreshAll', () => handlers.refreshAll()),
    onMessage('refreshFeed', ({ data }) => handlers.refreshFeed(data)),
    onMessage('testFeed', ({ data }) => handlers.testFeed(data)),
    onMessage('addFeed', ({ data }) => handlers.addFeed(data)),
    onMessage('addFeeds', ({ data }) => handlers.addFeeds(data)),
    onMessage('markSeen', ({ data }) => handlers.markSeen(data ?? {})),
    onMessage('searchCities', ({ data }) => handlers.searchCities(data)),
    onMessage('nearestCity', ({ data }) => handlers.nearestCity(data)),
    onMessage('discoverFeeds', ({ data }) => discover.discoverFeeds(data)),
    onMessage('suggestGroups', () => discover.suggestGroups()),
  );

  cleanups.push(
    settingsItem.watch((next, previous) => track(onSettingsChanged(next, previous))),
    feedsItem.watch((next, previous) => track(onFeedsChanged(next ?? [], previous))),
    starredItem.watch(() => track(checkReminders())),
    seenItem.watch(() => track(updateBadge())),
    settingsItem.watch((next, previous) => {
      if (Boolean(next?.pageFeedHint) === Boolean(previous?.pageFeedHint)) return;
      track(next?.pageFeedHint ? pageHint.recheckActiveTabs() : pageHint.clearAll());
    }),
    // A feed just added from the page in the tab takes the "+" away.
    feedsItem.watch(() => track(pageHint.recheckActiveTabs())),
  );

  track(onWorkerStart());

  const api: BackgroundApi = {
    handlers,
    refresher,
    updateBadge,
    checkReminders,
    reResolveAll,
    async idle() {
      while (pending.size > 0) {
        await Promise.allSettled([...pending]);
        await refresher.idle();
      }
    },
    stop() {
      for (const cleanup of cleanups.splice(0)) cleanup();
      if (current === api) current = null;
    },
  };
  current = api;
  return api;
}
