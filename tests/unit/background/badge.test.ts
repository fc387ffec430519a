import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BADGE_COLOR, BADGE_FAILING_COLOR, badgeText, computeBadge } from '../../../lib/background/badge';
import type { StoredView } from '../../../lib/background/stored-view';
import { startBackground, type BackgroundApi } from '../../../lib/background/worker';
import { eventId, type MeetupEvent } from '../../../lib/events';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings';
import { EMPTY_FEED_STATE, seenItem } from '../../../lib/storage';
import {
  DAY,
  fakeNetwork,
  feedConfig,
  givenFeeds,
  givenSettings,
  HOUR,
  icsFeed,
  icsRoute,
  NANTES,
  NANTES_GEO,
  nantesEvent,
  PARIS_GEO,
  T0,
  testDeps,
  translator,
} from './support';

function event(n: number, startMs: number, extra: Partial<MeetupEvent> = {}): MeetupEvent {
  const start = new Date(startMs).toISOString().replace('.000', '');
  return {
    id: eventId('a', `u${n}`, start),
    uid: `u${n}`,
    feedId: 'a',
    title: `Event ${n}`,
    start,
    end: null,
    allDay: false,
    timeZone: 'Europe/Paris',
    status: 'confirmed',
    online: false,
    onlineUrl: null,
    location: 'Nantes',
    place: { name: null, street: null, postalCode: null, locality: 'Nantes', region: null, country: 'FR', ...NANTES_GEO },
    url: null,
    description: null,
    image: null,
    categories: [],
    ...extra,
  };
}

function view(events: MeetupEvent[], settings: Partial<Settings> = {}, error: string | null = null): StoredView {
  return {
    settings: { ...DEFAULT_SETTINGS, city: NANTES, ...settings },
    feeds: [feedConfig('a', 'https://example.org/a.ics')],
    data: new Map([['a', { state: { ...EMPTY_FEED_STATE, error }, events }]]),
  };
}

const far = { place: { name: null, street: null, postalCode: null, locality: 'Paris', region: null, country: 'FR', ...PARIS_GEO } };

describe('badgeText', () => {
  it.each([
    [0, ''],
    [1, '1'],
    [99, '99'],
    [100, '99+'],
    [2500, '99+'],
  ])('%i → "%s"', (count, text) => {
    expect(badgeText(count)).toBe(text);
  });
});

describe('computeBadge', () => {
  const base = { seen: new Set<string>(), lastRefresh: '2026-11-24T08:30:00Z', now: T0, translate: translator('en'), locale: 'en-GB', zone: 'Europe/Paris' };

  it.each([
    ['new events near the user', [event(1, T0 + DAY), event(2, T0 + 20 * DAY)], {}, '2'],
    ['nothing for 0', [], {}, ''],
    ['far away events do not count', [event(1, T0 + DAY, far)], {}, ''],
    ['cancelled events do not count', [event(1, T0 + DAY, { status: 'cancelled' })], {}, ''],
    ['past events do not count', [event(1, T0 - DAY)], {}, ''],
    // As in the popup: an event without an end is still on for two hours after it starts.
    ['an open-ended event that started an hour ago still counts', [event(1, T0 - HOUR)], {}, '1'],
    ['an open-ended event that started three hours ago does not', [event(1, T0 - 3 * HOUR)], {}, ''],
    ['an event that ended a minute ago does not', [event(1, T0 - HOUR, { end: new Date(T0 - 60_000).toISOString().replace('.000', '') })], {}, ''],
    ['online events count when the user wants them', [event(1, T0 + DAY, { online: true, place: null })], {}, '1'],
    ['online events do not count otherwise', [event(1, T0 + DAY, { online: true, place: null })], { includeOnline: false }, ''],
    ['week mode: the next 7 days only', [event(1, T0 + DAY), event(2, T0 + 6 * DAY), event(3, T0 + 8 * DAY)], { badgeMode: 'week' as const }, '2'],
  ])('%s', (_, events, settings, text) => {
    expect(computeBadge({ ...base, view: view(events, settings) }).text).toBe(text);
  });

  it('events seen in the popup are not new any more (week mode counts them)', () => {
    const events = [event(1, T0 + DAY), event(2, T0 + 2 * DAY)];
    const seen = new Set([events[0]!.id]);
    expect(computeBadge({ ...base, seen, view: view(events) }).text).toBe('1');
    expect(computeBadge({ ...base, seen, view: view(events, { badgeMode: 'week' }) }).text).toBe('2');
  });

  it('a meetup two feeds publish counts once, in both modes; seeing either copy clears it', () => {
    const own = event(1, T0 + DAY, { title: 'Nantes JS #80', location: 'La Cantine, Nantes' });
    const aggregated = { ...event(1, T0 + DAY + 5 * 60_000, { title: '[Agenda Tech] Nantes.js #80', location: 'La Cantine' }), id: 'b|x|1', feedId: 'b' };
    const both: StoredView = {
      settings: { ...DEFAULT_SETTINGS, city: NANTES },
      feeds: [feedConfig('a', 'https://example.org/a.ics'), feedConfig('b', 'https://example.org/b.ics')],
      data: new Map([
        ['a', { state: EMPTY_FEED_STATE, events: [own] }],
        ['b', { state: EMPTY_FEED_STATE, events: [aggregated] }],
      ]),
    };
    expect(computeBadge({ ...base, view: both }).text).toBe('1');
    expect(computeBadge({ ...base, view: { ...both, settings: { ...both.settings, badgeMode: 'week' } } }).text).toBe('1');
    expect(computeBadge({ ...base, seen: new Set([aggregated.id]), view: both }).text).toBe('');
  });

  it('week mode counts calendar days in the reading zone: the seventh day is next week', () => {
    // T0 is Tuesday 24 November, 10:00 in Paris; Tuesday 1 December 08:00 is 166 hours away but on day 7.
    const dayEvents = [event(1, Date.parse('2026-11-30T22:30:00Z')), event(2, Date.parse('2026-12-01T07:00:00Z'))];
    expect(computeBadge({ ...base, view: view(dayEvents, { badgeMode: 'week' }) }).text).toBe('1');
  });

  it('"99+" past 99', () => {
    const events = Array.from({ length: 150 }, (_, i) => event(i, T0 + DAY + i * HOUR));
    expect(computeBadge({ ...base, view: view(events) }).text).toBe('99+');
  });

  it('a failing feed makes the badge red, "!" when there is no number', () => {
    const failingEmpty = computeBadge({ ...base, view: view([], {}, 'Server answered 500') });
    expect(failingEmpty).toMatchObject({ text: '!', color: BADGE_FAILING_COLOR });
    const failingWithCount = computeBadge({ ...base, view: view([event(1, T0 + DAY)], {}, 'Server answered 500') });
    expect(failingWithCount).toMatchObject({ text: '1', color: BADGE_FAILING_COLOR });
    expect(failingWithCount.title).toContain('Feeds that could not be read: 1');
    expect(computeBadge({ ...base, view: view([event(1, T0 + DAY)]) }).color).toBe(BADGE_COLOR);
  });

  it('the tooltip says what the number means and when the last refresh was', () => {
    const badge = computeBadge({ ...base, view: view([event(1, T0 + DAY), event(2, T0 + DAY)]) });
    expect(badge.title).toBe('Local Meetups\nNew meetups near you since you last looked: 2\nLast refresh: 24 Nov 2026, 09:30');
    const week = computeBadge({ ...base, lastRefresh: null, view: view([], { badgeMode: 'week' }) });
    expect(week.title).toBe('Local Meetups\nNo meetups near you in the next 7 days\nNot refreshed yet');
  });

  it('the tooltip is translated', () => {
    const badge = computeBadge({ ...base, translate: translator('fr'), locale: 'fr-FR', view: view([event(1, T0 + DAY)], { badgeMode: 'week' }) });
    expect(badge.title).toBe('Meetups locaux\nMeetups près de chez vous dans les 7 prochains jours : 1\nDernière mise à jour : 24 nov. 2026, 09:30');
  });
});

describe('badge in the browser', () => {
  let worker: BackgroundApi | null = null;
  const URL_A = 'https://example.org/a.ics';

  beforeEach(() => {
    vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    worker?.stop();
    vi.useRealTimers();
  });

  it('shows new events after a refresh; markSeen from the popup clears it', async () => {
    const network = fakeNetwork();
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + DAY), nantesEvent(2, T0 + 2 * DAY), nantesEvent(3, T0 + DAY, { geo: PARIS_GEO })])));
    await givenSettings();
    await givenFeeds([feedConfig('a', URL_A)]);
    worker = startBackground(testDeps(network));
    await worker.idle();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getTitle({})).toContain('New meetups near you since you last looked: 2');
    await worker.handlers.markSeen({});
    await worker.idle();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await seenItem.getValue()).toHaveLength(2);
  });

  it('markSeen with ids marks only those, and forgets ids no longer listed', async () => {
    const network = fakeNetwork();
    network.routes.set(URL_A, icsRoute(() => icsFeed([nantesEvent(1, T0 + DAY), nantesEvent(2, T0 + 2 * DAY)])));
    await givenSettings();
    await givenFeeds([feedConfig('a', URL_A)]);
    await seenItem.setValue(['gone|x|2020-01-01T00:00:00Z']);
    worker = startBackground(testDeps(network));
    await worker.idle();
    await worker.handlers.markSeen({ ids: ['a|event_1@meetup.com|2026-11-25T09:00:00Z'] });
    await worker.idle();
    expect(await seenItem.getValue()).toEqual(['a|event_1@meetup.com|2026-11-25T09:00:00Z']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('shows "!" on a red badge when a feed fails', async () => {
    const network = fakeNetwork();
    network.routes.set(URL_A, () => new Response('', { status: 500 }));
    await givenSettings();
    await givenFeeds([feedConfig('a', URL_A)]);
    worker = startBackground(testDeps(network));
    await worker.idle();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([220, 38, 38, 255]);
  });
});
