/** What a refresh run keeps of each feed until its notifications are planned: the events they need, not the feed. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRefresher } from '../../../lib/background/refresh';
import type { FeedSyncResult } from '../../../lib/background/sync-feed';
import { feedDataItem, starredItem } from '../../../lib/storage';
import { DAY, fakeNetwork, feedConfig, givenFeeds, givenSettings, icsFeed, icsRoute, nantesEvent, T0, testDeps } from './support';

const URL = 'https://www.meetup.com/nantes-js/events/ical/';
const start = (n: number) => T0 + n * DAY;

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: T0, toFake: ['Date'] });
});
afterEach(() => vi.useRealTimers());

async function refreshWith(events: number[], starred: number[] = []): Promise<FeedSyncResult> {
  const network = fakeNetwork();
  network.routes.set(URL, icsRoute(() => icsFeed(events.map((n) => nantesEvent(n, start(n)))), { etag: false }));
  // Starred as the popup stars: a snapshot of the stored event, under its id.
  const stored = (await feedDataItem('a').getValue()).events;
  const snapshots = Object.fromEntries(
    stored
      .filter((event) => starred.some((n) => event.title === `Nantes JS #${n}`))
      .map((event) => [event.id, { id: event.id, title: event.title, start: event.start, location: event.location, status: event.status, remindedAt: null }]),
  );
  expect(Object.keys(snapshots)).toHaveLength(starred.length);
  await starredItem.setValue(snapshots);
  let kept: FeedSyncResult[] = [];
  const refresher = createRefresher(testDeps(network), async (results) => {
    kept = results;
  });
  await refresher.run({ force: true });
  return kept[0]!;
}

describe('a refresh result', () => {
  beforeEach(async () => {
    await givenSettings();
    await givenFeeds([feedConfig('a', URL)]);
  });

  it('keeps no event of a first sync: nothing in it is news, and no star points at it yet', async () => {
    const result = await refreshWith([1, 2, 3]);
    expect(result).toEqual({ feedId: 'a', outcome: 'refreshed', added: [], starredEvents: [] });
  });

  it.each([
    { name: 'one new event, one starred', before: [1, 2, 3], after: [1, 2, 3, 4], starred: [2], added: [4], kept: [2] },
    { name: 'nothing new, nothing starred', before: [1, 2, 3], after: [1, 2, 3], starred: [], added: [], kept: [] },
    { name: 'a starred event gone from the feed', before: [1, 2, 3], after: [1, 3, 5, 6], starred: [2], added: [5, 6], kept: [] },
  ])('keeps only the new and the starred events ($name)', async ({ before, after, starred, added, kept }) => {
    await refreshWith(before);
    const result = await refreshWith(after, starred);
    expect(Object.keys(result).sort()).toEqual(['added', 'feedId', 'outcome', 'starredEvents']);
    expect(result.added.map((event) => event.title)).toEqual(added.map((n) => `Nantes JS #${n}`));
    expect(result.starredEvents.map((event) => event.title)).toEqual(kept.map((n) => `Nantes JS #${n}`));
  });
});
