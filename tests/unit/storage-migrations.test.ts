/** One test per storage version, each from a fixture of the old shape (tests/fixtures/storage). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import type { MeetupEvent } from '../../lib/events';
import { migrateFeedDataToV2, type FeedDataV1 } from '../../lib/migrations/feed-data-v2';
import { expiryFromEventId, migrateNotifiedToV2 } from '../../lib/migrations/notified-v2';
import { migrateFeedsToV2, type FeedConfigV1 } from '../../lib/migrations/feeds-v2';
import {
  EMPTY_FEED_STATE,
  feedDataItem,
  feedsItem,
  NOTIFIED_VERSION,
  notifiedMigrations,
  type NotifiedIds,
} from '../../lib/storage';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(`tests/fixtures/storage/${name}`, 'utf8')) as T;

describe('feed data v1 → v2 (compacted events)', () => {
  const v1 = fixture<FeedDataV1>('feed-data-v1.json');

  it('keeps every event exactly, drops empty and derivable fields, fills new state fields', () => {
    const v2 = migrateFeedDataToV2(v1, 'meetup', EMPTY_FEED_STATE);
    expect(v2.state).toEqual({ ...EMPTY_FEED_STATE, ...v1.state });
    expect(v2.state.synced).toBe(false);
    const [first, second, third] = v2.events;
    expect(first).not.toHaveProperty('feedId');
    expect(first).not.toHaveProperty('id');
    expect(first).not.toHaveProperty('image');
    expect(second).toMatchObject({ status: 'cancelled', allDay: true, categories: ['Conference', 'Web'] });
    // A moved occurrence keeps its own id (its start differs from the one in the id).
    expect(third?.id).toBe('meetup|series-1@meetup.com|2026-12-10T17:30:00Z');
    // 0 is a coordinate, not an empty field.
    expect(third?.place).toEqual({ lat: 0, lon: 0 });
    expect(JSON.stringify(v2).length).toBeLessThan(JSON.stringify(v1).length * 0.8);
  });

  it('is idempotent', () => {
    const once = migrateFeedDataToV2(v1, 'meetup', EMPTY_FEED_STATE);
    expect(migrateFeedDataToV2(once, 'meetup', EMPTY_FEED_STATE)).toEqual(once);
  });

  it('runs when the extension finds v1 data in storage, and readers get the same events', async () => {
    await fakeBrowser.storage.local.set({ 'feed:meetup-v1': v1, 'feed:meetup-v1$': { v: 1 } });
    const item = feedDataItem('meetup-v1');
    const value = await item.getValue();
    // The fixture's events belong to feed "meetup": stored under another key they keep their own id and feed.
    // The one change: an empty description reads as none.
    expect(value.events).toEqual(v1.events.map((event) => ({ ...event, description: event.description || null })));
    expect(value.state).toEqual({ ...EMPTY_FEED_STATE, ...v1.state });
    const raw = await fakeBrowser.storage.local.get(['feed:meetup-v1$']);
    expect(raw['feed:meetup-v1$']).toEqual({ v: 2 });
  });
});

describe('notified ids v1 → v2 (id → expiry)', () => {
  const v1 = fixture<string[]>('notified-v1.json');
  const now = Date.parse('2026-11-24T09:00:00Z');

  it.each([
    ['meetup|event_301234567@meetup.com|2026-11-26T17:30:00Z', '2026-11-26T17:30:00Z'],
    ['meetup|event_301234999@meetup.com|2026-12-03', '2026-12-03T23:59:59Z'],
    ['legacy-id-without-start', null],
  ])('expiry of %s is %s', (id, expiry) => {
    expect(expiryFromEventId(id)).toBe(expiry);
  });

  it('turns the list into a map, unknown ones kept 180 days', () => {
    expect(migrateNotifiedToV2(v1, now)).toEqual({
      'meetup|event_301234567@meetup.com|2026-11-26T17:30:00Z': '2026-11-26T17:30:00Z',
      'meetup|event_301234999@meetup.com|2026-12-03': '2026-12-03T23:59:59Z',
      'gancio|1234@gancio.example|2025-01-10T18:00:00Z': '2025-01-10T18:00:00Z',
      'legacy-id-without-start': new Date(now + 180 * 24 * 3600_000).toISOString(),
    });
  });

  it('leaves v2 data alone', () => {
    const v2 = { 'a|b|2026-11-26T17:30:00Z': '2026-11-26T19:30:00Z' };
    expect(migrateNotifiedToV2(v2, now)).toBe(v2);
  });

  it('runs when the extension finds v1 data in storage', async () => {
    await fakeBrowser.storage.local.set({ 'notifiedEventIds-test': v1 });
    const item = storage.defineItem<NotifiedIds>('local:notifiedEventIds-test', {
      fallback: {},
      version: NOTIFIED_VERSION,
      migrations: notifiedMigrations,
    });
    expect(Object.keys(await item.getValue())).toEqual(v1);
  });
});

describe('feeds v1 → v2 ("all events local" → a home)', () => {
  const v1 = fixture<FeedConfigV1[]>('feeds-v1.json');
  const caen = { geonameId: 3029241, name: 'Caen', region: 'Normandy', country: 'FR', lat: 49.1829, lon: -0.3707, timeZone: 'Europe/Paris' };

  it('gives a ticked feed the user\'s city as a home set by the user; the others get none', () => {
    const v2 = migrateFeedsToV2(v1, caen);
    expect(v2.map((feed) => feed.home)).toEqual([{ city: 'Caen', country: 'FR', lat: 49.1829, lon: -0.3707, source: 'user' }, null]);
    expect(v2[0]).not.toHaveProperty('allEventsLocal');
    // Everything else is kept as it was.
    const { allEventsLocal: _, ...rest } = v1[1]!;
    expect(v2[1]).toEqual({ ...rest, home: null });
  });

  it('without a city, a ticked feed gets no home (it learns one from its events)', () => {
    expect(migrateFeedsToV2(v1, null).map((feed) => feed.home)).toEqual([null, null]);
  });

  it('is idempotent, and reads anything but a list as no feeds', () => {
    const once = migrateFeedsToV2(v1, caen);
    expect(migrateFeedsToV2(once, null)).toEqual(once);
    expect(migrateFeedsToV2(null, caen)).toEqual([]);
  });

  it('runs when the extension finds v1 feeds in storage, with the stored city', async () => {
    await fakeBrowser.storage.local.set({ feeds: v1, settings: { city: caen, radiusKm: 25 } });
    const feeds = await feedsItem.getValue();
    expect(feeds.map((feed) => [feed.id, feed.home?.city ?? null])).toEqual([['caencamp', 'Caen'], ['nantes-js', null]]);
    expect((await fakeBrowser.storage.local.get(['feeds$']))['feeds$']).toEqual({ v: 2 });
  });
});
