/**
 * The toolbar badge: a number the user can trust. Default: new upcoming events near the user, not seen in
 * the popup yet (the popup's markSeen clears it). 'week': events near the user in the next 7 days. Failing
 * feeds turn the badge red, and show "!" when there is no number to show.
 */
import { browser } from 'wxt/browser';
import type { MeetupEvent } from '../events';
import { isNearUser, nearFilterOf } from '../location/near';
import type { FeedState } from '../storage';
import type { Translate } from './deps';
import { eventStartInstant, isEventOver } from '../event-time';
import { formatInstant } from '../format';
import { enabledEvents, type StoredView } from './stored-view';
import { userZone } from './sync-feed';

export const BADGE_COLOR = '#1d4ed8';
export const BADGE_FAILING_COLOR = '#dc2626';
const WEEK_MS = 7 * 24 * 3600_000;

export interface BadgeView {
  text: string;
  color: string;
  title: string;
}

export interface BadgeInput {
  view: StoredView;
  seen: ReadonlySet<string>;
  lastRefresh: string | null;
  now: number;
  translate: Translate;
  locale: string;
}

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/** Events the badge counts, by mode. */
export function countedEvents(view: StoredView, seen: ReadonlySet<string>, now: number): MeetupEvent[] {
  const zone = userZone(view.settings);
  const filter = nearFilterOf(view.settings);
  return enabledEvents(view).filter((event) => {
    if (event.status === 'cancelled' || isEventOver(event, zone, now) || !isNearUser(event, filter)) return false;
    if (view.settings.badgeMode === 'week') return eventStartInstant(event, zone) < now + WEEK_MS;
    return !seen.has(event.id);
  });
}

export function failingFeedCount(view: StoredView): number {
  return view.feeds.filter((feed) => feed.enabled && (view.data.get(feed.id)?.state as FeedState | undefined)?.error).length;
}

export function computeBadge(input: BadgeInput): BadgeView {
  const { view, translate: t } = input;
  const count = countedEvents(view, input.seen, input.now).length;
  const failing = failingFeedCount(view);
  const countLine =
    view.settings.badgeMode === 'week'
      ? count > 0
        ? t('badgeTitleWeek', [String(count)])
        : t('badgeTitleWeekNone')
      : count > 0
        ? t('badgeTitleNew', [String(count)])
        : t('badgeTitleNewNone');
  const lines = [t('extName'), countLine];
  if (failing > 0) lines.push(t('badgeTitleFailing', [String(failing)]));
  lines.push(
    input.lastRefresh
      ? t('badgeTitleLastRefresh', [formatInstant(Date.parse(input.lastRefresh), input.locale, userZone(view.settings))])
      : t('badgeTitleNeverRefreshed'),
  );
  return {
    text: badgeText(count) || (failing > 0 ? '!' : ''),
    color: failing > 0 ? BADGE_FAILING_COLOR : BADGE_COLOR,
    title: lines.filter(Boolean).join('\n'),
  };
}

export async function applyBadge(badge: BadgeView): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: badge.title }),
  ]);
}
