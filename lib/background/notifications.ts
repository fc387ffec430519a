/**
 * Desktop notifications that never repeat. An event is announced once per id, ever: the ids are persisted
 * (notifiedItem) BEFORE the notifications are shown, so a worker stopped in between misses one rather than
 * repeating it after the restart. A feed's first sync announces nothing (FeedState.synced), and an event is
 * only new when neither its id nor its UID was in the feed before (a moved event or the next occurrence of a
 * series is not news; Luma's changing DTSTAMP never enters the id).
 */
import { browser } from 'wxt/browser';
import type { MeetupEvent } from '../events';
import { isNearUser, type NearFilter } from '../upcoming';
import { eventTown } from '../location/near';
import type { FeedData, NotifiedIds, StarredSnapshot } from '../storage';
import type { Translate } from './deps';
import { eventEndInstant, eventStartInstant } from '../event-time';
import { formatEventWhen } from '../format';
import type { FeedSyncResult } from './sync-feed';
import { splitEventId } from './feed-changes';

/** More new events than this at once become one summary notification. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;
export const ICON_PATH = '/icon/128.png';
const DAY_MS = 24 * 3600_000;

export interface NotificationPlan {
  id: string;
  title: string;
  message: string;
}

export type NotificationKind = 'event' | 'summary' | 'starred' | 'reminder';

export function notificationId(kind: NotificationKind, key: string): string {
  return `${kind}:${key}`;
}

export function parseNotificationId(id: string): { kind: NotificationKind; key: string } | null {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  if (colon < 0 || !['event', 'summary', 'starred', 'reminder'].includes(kind)) return null;
  return { kind: kind as NotificationKind, key: id.slice(colon + 1) };
}

/** New upcoming events near the user among this run's results. */
export function newEventsOf(results: FeedSyncResult[], filter: NearFilter, now: number, zone: string): MeetupEvent[] {
  const found: MeetupEvent[] = [];
  for (const result of results) {
    for (const event of result.added) {
      if (event.status === 'cancelled' || eventStartInstant(event, zone) <= now) continue;
      if (isNearUser(event, filter)) found.push(event);
    }
  }
  return found.sort((a, b) => eventStartInstant(a, zone) - eventStartInstant(b, zone));
}

/** Drops ids already notified and returns the map with the new ones added and past ones pruned. */
export function recordNotified(
  events: MeetupEvent[],
  notified: NotifiedIds,
  now: number,
  zone: string,
): { fresh: MeetupEvent[]; notified: NotifiedIds } {
  const next: NotifiedIds = {};
  for (const [id, expiry] of Object.entries(notified)) {
    if (Date.parse(expiry) >= now - DAY_MS) next[id] = expiry;
  }
  const fresh = events.filter((event) => !(event.id in next));
  for (const event of fresh) next[event.id] = new Date(eventEndInstant(event, zone)).toISOString();
  return { fresh, notified: next };
}

export function planNewEventNotifications(
  events: MeetupEvent[],
  context: { translate: Translate; locale: string; zone: string; now: number },
): NotificationPlan[] {
  const t = context.translate;
  if (events.length === 0) return [];
  if (events.length > MAX_SEPARATE_NOTIFICATIONS) {
    const titles = events.slice(0, MAX_SEPARATE_NOTIFICATIONS).map((event) => event.title);
    return [
      {
        id: notificationId('summary', String(context.now)),
        title: t('notifySummaryTitle', [String(events.length)]),
        message: `${titles.join('\n')}\n…`,
      },
    ];
  }
  return events.map((event) => ({
    id: notificationId('event', event.id),
    title: t('notifyNewTitle', [event.title]),
    message: describe(event, context.locale, context.zone),
  }));
}

function describe(event: MeetupEvent, locale: string, zone: string, town = eventTown(event)): string {
  return [formatEventWhen(event, locale, zone), town].filter(Boolean).join(' · ');
}

export interface StarredChange {
  kind: 'cancelled' | 'moved';
  event: MeetupEvent;
}

/**
 * Changes that matter to a starred event (cancelled, new time, new place), and the snapshots updated so each
 * change is announced once. A moved one-off event gets a new id (its start is in the id): it is found again
 * by its UID and the star follows it.
 */
export function starredChangesOf(
  results: FeedSyncResult[],
  starred: Record<string, StarredSnapshot>,
): { changes: StarredChange[]; starred: Record<string, StarredSnapshot>; changed: boolean } {
  const byFeed = new Map(results.filter((r) => r.outcome === 'refreshed').map((r) => [r.feedId, r.starredEvents]));
  const next: Record<string, StarredSnapshot> = {};
  const changes: StarredChange[] = [];
  let changed = false;
  for (const [key, snapshot] of Object.entries(starred)) {
    const { feedId, uid } = splitEventId(snapshot.id);
    const events = byFeed.get(feedId);
    let event = events?.find((candidate) => candidate.id === snapshot.id);
    if (!event && events) {
      const sameUid = events.filter((candidate) => candidate.uid === uid);
      if (sameUid.length === 1) event = sameUid[0];
    }
    if (!event) {
      next[key] = snapshot;
      continue;
    }
    const location = event.location ?? null;
    const becameCancelled = event.status === 'cancelled' && snapshot.status !== 'cancelled';
    const moved = event.start !== snapshot.start || location !== snapshot.location;
    if (becameCancelled) changes.push({ kind: 'cancelled', event });
    else if (moved && event.status !== 'cancelled') changes.push({ kind: 'moved', event });
    const town = eventTown(event);
    if (
      becameCancelled ||
      moved ||
      event.status !== snapshot.status ||
      event.title !== snapshot.title ||
      event.id !== key ||
      town !== snapshot.town
    ) {
      changed = true;
      next[event.id] = {
        id: event.id,
        title: event.title,
        start: event.start,
        location,
        status: event.status,
        remindedAt: event.start !== snapshot.start ? null : snapshot.remindedAt,
        town,
      };
    } else {
      next[key] = snapshot;
    }
  }
  return { changes, starred: next, changed };
}

export function planStarredNotifications(
  changes: StarredChange[],
  context: { translate: Translate; locale: string; zone: string },
): NotificationPlan[] {
  return changes.map(({ kind, event }) => ({
    id: notificationId('starred', event.id),
    title: context.translate(kind === 'cancelled' ? 'notifyCancelledTitle' : 'notifyMovedTitle', [event.title]),
    message: describe(event, context.locale, context.zone),
  }));
}

/** A starred event's reminder, from its snapshot: the town it kept, else (older snapshots) its location text. */
export function planReminderNotification(
  event: Pick<MeetupEvent, 'id' | 'title' | 'start' | 'allDay' | 'location'> & Partial<MeetupEvent> & { town?: string },
  context: { translate: Translate; locale: string; zone: string },
): NotificationPlan {
  const full = { online: false, place: null, ...event } as MeetupEvent;
  return {
    id: notificationId('reminder', event.id),
    title: context.translate('notifyReminderTitle', [event.title]),
    message: describe(full, context.locale, context.zone, event.town ?? eventTown(full)),
  };
}

/** runtime.getURL is typed with the built files only; these paths exist in every build. */
function extensionUrl(path: string): string {
  return (browser.runtime.getURL as (path: string) => string)(path);
}

export async function showNotifications(plans: NotificationPlan[]): Promise<void> {
  for (const plan of plans) {
    try {
      await browser.notifications.create(plan.id, {
        type: 'basic',
        iconUrl: extensionUrl(ICON_PATH),
        title: plan.title,
        message: plan.message,
      });
    } catch (error) {
      // A notification the system refuses (permission off at OS level) must not break the refresh.
      console.warn('Local Meetups: notification not shown', error);
    }
  }
}

/** Where a click on a notification leads: the event's page, else the popup's view of it in a tab. */
export function notificationTarget(id: string, findUrl: (eventId: string) => string | null | undefined): string {
  const parsed = parseNotificationId(id);
  const popup = extensionUrl('/popup.html');
  if (!parsed || parsed.kind === 'summary') return popup;
  const url = findUrl(parsed.key);
  return url ?? `${popup}#event=${encodeURIComponent(parsed.key)}`;
}
