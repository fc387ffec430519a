import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EMPTY_FEED_STATE, feedDataItem, readFeedDataOnce, watchFeedData, type FeedData } from '../../../lib/storage';
import { flush, makeEvent } from './helpers';

describe('readFeedDataOnce (the popup’s and options page’s load)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks for each feed (its data and version) in a get of its own, all at once', async () => {
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    await readFeedDataOnce(['a', 'b', 'c']);
    expect(get.mock.calls.map((call) => call[0])).toEqual([
      ['feed:a', 'feed:a$'],
      ['feed:b', 'feed:b$'],
      ['feed:c', 'feed:c$'],
    ]);
  });

  it('reads what feedDataItem wrote, for several feeds, with empty data for unknown ones', async () => {
    const a: FeedData = { state: { ...EMPTY_FEED_STATE, eventCount: 2 }, events: [makeEvent({ id: 'a|1|x', feedId: 'a', uid: '1', start: '2026-11-24T18:30:00Z' }), makeEvent({ id: 'a|2|y', feedId: 'a' })] };
    await feedDataItem('a').setValue(a);
    const read = await readFeedDataOnce(['a', 'missing']);
    expect(read.get('a')).toEqual(await feedDataItem('a').getValue());
    expect(read.get('a')?.events.map((event) => event.title)).toEqual(['Event a|1|x', 'Event a|2|y']);
    expect(read.get('missing')).toEqual({ state: EMPTY_FEED_STATE, events: [] });
  });

  it('sends an item stored in the old shape through its migration', async () => {
    const old = makeEvent({ id: 'b|u|2026-11-24T18:30:00Z', feedId: 'b', uid: 'u', start: '2026-11-24T18:30:00Z' });
    await fakeBrowser.storage.local.set({ 'feed:b': { state: EMPTY_FEED_STATE, events: [old] } });
    const read = await readFeedDataOnce(['b']);
    expect(read.get('b')?.events[0]).toMatchObject({ id: old.id, title: old.title, start: old.start });
  });

  it('watchFeedData gives full events on each write', async () => {
    const seen: FeedData[] = [];
    const stop = watchFeedData('c', (data) => seen.push(data));
    await feedDataItem('c').setValue({ state: EMPTY_FEED_STATE, events: [makeEvent({ id: 'c|1|s', feedId: 'c', uid: '1', start: 's' })] });
    await flush();
    stop();
    expect(seen.at(-1)?.events[0]?.feedId).toBe('c');
  });
});
