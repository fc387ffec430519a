import { describe, expect, it } from 'vitest';
import { buildPopupIndex, popupIndexFeedData, popupIndexKey, type PopupIndexInput } from '../../lib/popup-index';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { EMPTY_FEED_STATE, type FeedData } from '../../lib/storage';
import { NANTES, NOW, sampleEvents } from './ui/fixtures';
import { makeFeed } from './ui/helpers';

const ZONE = 'Europe/Paris';

function input(overrides: Partial<PopupIndexInput> = {}): PopupIndexInput {
  const { a, b } = sampleEvents();
  const settings: Settings = { ...DEFAULT_SETTINGS, city: NANTES, radiusKm: 60 };
  const data = new Map<string, FeedData>([
    ['a', { state: { ...EMPTY_FEED_STATE, lastSuccess: '2026-11-24T11:50:00Z', eventCount: a.length }, events: a }],
    ['b', { state: { ...EMPTY_FEED_STATE, error: 'The server answered 500.' }, events: b }],
  ]);
  return { settings, feeds: [makeFeed({ id: 'a' }), makeFeed({ id: 'b' })], data, seen: new Set(['tonight']), now: NOW, zone: ZONE, ...overrides };
}

const indexIds = (index: ReturnType<typeof buildPopupIndex>) =>
  Object.values(index.feeds).flatMap((feed) => feed.events.map((event) => event.uid));

describe('buildPopupIndex', () => {
  it('keeps the upcoming events near the user (past and Paris out), without descriptions', () => {
    const index = buildPopupIndex(input());
    expect(index.feeds.a!.events.map((event) => event.uid)).toEqual(['tonight', 'cancelled', 'later']);
    expect(index.feeds.b!.events.map((event) => event.uid)).toEqual(['online', 'saint-nazaire']);
    const tonight = index.feeds.a!.events[0]!;
    expect(tonight.description).toBeUndefined();
    expect(tonight.resolved?.city).toBe('Nantes');
    expect(index.builtAt).toBe('2026-11-24T12:00:00.000Z');
  });

  it('keeps only the first events in time order, whatever feed they come from', () => {
    expect(indexIds(buildPopupIndex(input({ size: 3 })))).toEqual(['tonight', 'cancelled', 'online']);
  });

  it('says which listed events were seen, for the "New" markers', () => {
    const seen = new Set(['tonight', 'later', 'past', 'not-listed']);
    expect(buildPopupIndex(input({ seen, size: 4 })).seenIds).toEqual(['tonight']);
    expect(buildPopupIndex(input({ seen })).seenIds).toEqual(['tonight', 'later']);
  });

  it('carries every feed state (errors, last success), even of a feed with no event listed', () => {
    const index = buildPopupIndex(input({ size: 1 }));
    expect(index.feeds.b!.events).toEqual([]);
    expect(index.feeds.b!.state.error).toBe('The server answered 500.');
    expect(index.feeds.a!.state.lastSuccess).toBe('2026-11-24T11:50:00Z');
  });

  it('leaves disabled feeds out of the events', () => {
    const index = buildPopupIndex(input({ feeds: [makeFeed({ id: 'a' }), makeFeed({ id: 'b', enabled: false })] }));
    expect(indexIds(index)).toEqual(['tonight', 'cancelled', 'later']);
  });
});

describe('popupIndexFeedData', () => {
  it('gives back the listed events as full events with the feed states', () => {
    const source = input();
    const { data, seen } = popupIndexFeedData(buildPopupIndex(source), source.settings, source.feeds, ZONE)!;
    const original = sampleEvents().a.find((event) => event.id === 'tonight')!;
    expect(data.a!.events[0]).toEqual({ ...original, description: null });
    expect(data.b!.state).toEqual({ ...EMPTY_FEED_STATE, error: 'The server answered 500.' });
    expect([...seen]).toEqual(['tonight']);
  });

  it.each<[string, (settings: Settings) => Settings, ReturnType<typeof makeFeed>[] | null, string]>([
    ['a wider radius', (s) => ({ ...s, radiusKm: 100 }), null, ZONE],
    ['another city', (s) => ({ ...s, city: { ...NANTES, lat: 49.18, lon: -0.37 } }), null, ZONE],
    ['online events hidden', (s) => ({ ...s, includeOnline: false }), null, ZONE],
    ['a feed disabled', (s) => s, [makeFeed({ id: 'a' }), makeFeed({ id: 'b', enabled: false })], ZONE],
    ['a feed added', (s) => s, [makeFeed({ id: 'a' }), makeFeed({ id: 'b' }), makeFeed({ id: 'c' })], ZONE],
    ['a feed given a home', (s) => s, [makeFeed({ id: 'a', home: { city: 'Caen', country: 'FR', lat: 49.18, lon: -0.37, source: 'user' } }), makeFeed({ id: 'b' })], ZONE],
    ['another time zone', (s) => s, null, 'America/New_York'],
  ])('is not used after %s', (_, changeSettings, feeds, zone) => {
    const source = input();
    const index = buildPopupIndex(source);
    expect(popupIndexFeedData(index, changeSettings(source.settings), feeds ?? source.feeds, zone)).toBeNull();
  });

  it('is used when only names or other settings changed', () => {
    const source = input();
    const index = buildPopupIndex(source);
    const renamed = source.feeds.map((feed) => ({ ...feed, name: `${feed.name} (renamed)` }));
    expect(popupIndexFeedData(index, { ...source.settings, refreshMinutes: 180 }, renamed, ZONE)).not.toBeNull();
    expect(popupIndexKey(source.settings, renamed, ZONE)).toBe(index.key);
  });

  it('is not used when missing', () => {
    const source = input();
    expect(popupIndexFeedData(null, source.settings, source.feeds, ZONE)).toBeNull();
  });
});
