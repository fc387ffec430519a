/**
 * The toolbar badge: a number the user can trust. Default: new upcoming events near the user, not seen in
 * the popup yet (the popup's markSeen clears it). 'week': events near the user this week (lib/upcoming's rule,
 * the popup's "Next 7 days"). A meetup several feeds publish counts once. Failing
 * feeds turn the badge red, and show "!" when there is no number to show.
 */
import { browser } from 'wxt/browser';
import type { MeetupEvent } from '../events';
import type { FeedState } from '../storage';
import type { Translate } from './deps';
import { formatInstant } from '../format';
import { isNews, isThisWeek, nearFilterOf, readingZone, upcomingEvents, upcomingNear } from '../upcoming';
import type { StoredView } from './stored-view';

export const BADGE_COLOR = '#1d4ed8';
export const BADGE_FAILING_COLOR = '#dc2626';

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
  /** The zone days and times are read in; default lib/upcoming's readingZone(). */
  zone?: string;
}

export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/** Events the badge counts, by mode: one per meetup, in the zone days are read in. */
export function countedEvents(view: StoredView, seen: ReadonlySet<string>, now: number, zone = readingZone()): MeetupEvent[] {
  const upcoming = upcomingEvents(view.feeds, (id) => view.data.get(id)?.events, zone, now);
  return upcomingNear(upcoming, nearFilterOf(view.settings))
    .filter((item) => {
      if (item.event.status === 'cancelled') return false;
      if (view.settings.badgeMode === 'week') return isThisWeek(item.event, zone, now);
      return isNews(item, seen);
    })
    .map((item) => item.event);
}

export function failingFeedCount(view: StoredView): number {
  return view.feeds.filter((feed) => feed.enabled && (view.data.get(feed.id)?.state as FeedState | undefined)?.error).length;
}

export function computeBadge(input: BadgeInput): BadgeView {
  const { view, translate: t } = input;
  const zone = input.zone ?? readingZone();
  const count = countedEvents(view, input.seen, input.now, zone).length;
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
      ? t('badgeTitleLastRefresh', [formatInstant(Date.parse(input.lastRefresh), input.locale, zone)])
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
