import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  FEED_DATA_TOTAL_BYTES,
  STORED_DESCRIPTION_CHARS,
  feedByteBudget,
  fitEventsToBudget,
  storedBytes,
} from '../../lib/background/storage-budget';
import { eventId, type MeetupEvent } from '../../lib/events';
import { EMPTY_FEED_STATE, feedDataItem, type FeedData } from '../../lib/storage';

const NOW = Date.parse('2026-11-24T09:00:00Z');
const QUOTA_BYTES = 10 * 1024 * 1024;

/** A Meetup-shaped event with everything filled in, as big as real ones get. */
function realEvent(feedId: string, n: number): MeetupEvent {
  const start = new Date(NOW + (n + 1) * 4 * 3600_000).toISOString().replace('.000', '');
  const uid = `event_${300000000 + n}@meetup.com`;
  return {
    id: eventId(feedId, uid, start),
    uid,
    feedId,
    title: `Nantes JS #${n} : TypeScript 7, Preact signals et extensions de navigateur`,
    start,
    end: new Date(Date.parse(start) + 2.5 * 3600_000).toISOString().replace('.000', ''),
    allDay: false,
    timeZone: 'Europe/Paris',
    status: 'confirmed',
    online: false,
    onlineUrl: null,
    location: 'La Cantine Numérique (11 rue La Noue Bras de Fer, Nantes, France 44200)',
    place: {
      name: 'La Cantine Numérique',
      street: '11 rue La Noue Bras de Fer',
      postalCode: '44200',
      locality: 'Nantes',
      region: 'Pays de la Loire',
      country: 'FR',
      lat: 47.2063,
      lon: -1.5645,
    },
    url: `https://www.meetup.com/nantes-js/events/${300000000 + n}/`,
    description: `Bonjour à toutes et à tous ! ${'Au programme de cette soirée : deux talks, des pizzas et beaucoup de discussions. '.repeat(12)}`,
    image: `https://secure.meetupstatic.com/photos/event/${n}/highres_${n}.jpeg`,
    categories: ['JavaScript', 'Web'],
    resolved: { source: 'coordinates', city: 'Nantes', country: 'FR', lat: 47.2063, lon: -1.5645, distanceKm: 1.4 },
  };
}

async function storedJsonBytes(): Promise<number> {
  return new TextEncoder().encode(JSON.stringify(await fakeBrowser.storage.local.get(null))).length;
}

describe('feedDataItem', () => {
  it('gives readers full MeetupEvents and stores them compacted', async () => {
    const events = [realEvent('a', 1), { ...realEvent('a', 2), description: null, image: null, categories: [], place: null, status: 'cancelled' as const }];
    const data: FeedData = { state: { ...EMPTY_FEED_STATE, eventCount: 2, synced: true }, events };
    await feedDataItem('a').setValue(data);
    expect(await feedDataItem('a').getValue()).toEqual(data);
    const raw = (await fakeBrowser.storage.local.get('feed:a'))['feed:a'] as { events: string };
    // One JSON text: Chrome hands a page one string much faster than thousands of objects.
    expect(typeof raw.events).toBe('string');
    expect((JSON.parse(raw.events) as Record<string, unknown>[])[1]).toEqual({
      uid: events[1]!.uid,
      title: events[1]!.title,
      start: events[1]!.start,
      end: events[1]!.end,
      timeZone: 'Europe/Paris',
      status: 'cancelled',
      location: events[1]!.location,
      url: events[1]!.url,
      resolved: events[1]!.resolved,
    });
  });

  it('watchers get full events too', async () => {
    const seen: FeedData[] = [];
    const unwatch = feedDataItem('w').watch((value) => seen.push(value));
    await feedDataItem('w').setValue({ state: EMPTY_FEED_STATE, events: [realEvent('w', 1)] });
    unwatch();
    expect(seen[0]?.events[0]).toEqual(realEvent('w', 1));
  });

  it('an unknown feed reads as empty', async () => {
    expect(await feedDataItem('nope').getValue()).toEqual({ state: EMPTY_FEED_STATE, events: [] });
  });
});

describe('storage quota (chrome.storage.local: 10 MB)', () => {
  it('50 feeds of 1,000 real-sized events stay well under it, each keeping its soonest events', async () => {
    const feedCount = 50;
    for (let f = 0; f < feedCount; f++) {
      const feedId = `feed${f}`;
      const events = Array.from({ length: 1000 }, (_, n) => realEvent(feedId, n)).reverse();
      const fitted = fitEventsToBudget(events, feedId, feedByteBudget(feedCount), NOW, 'Europe/Paris');
      await feedDataItem(feedId).setValue({
        state: { ...EMPTY_FEED_STATE, eventCount: fitted.events.length, warnings: [`Only the next ${fitted.events.length} events are kept (storage limit)`] },
        events: fitted.events,
      });
      if (f === 0) {
        expect(fitted.dropped).toBeGreaterThan(0);
        // The soonest ones, in order.
        expect(fitted.events.map((event) => event.uid)).toEqual(
          Array.from({ length: fitted.events.length }, (_, n) => `event_${300000000 + n}@meetup.com`),
        );
        // Storage counts the events' JSON text with its escaped quotes (≈ 12 % more than as objects): 98 here.
        expect(fitted.events.length).toBeGreaterThan(90);
      }
    }
    const bytes = await storedJsonBytes();
    expect(bytes).toBeLessThan(FEED_DATA_TOTAL_BYTES * 1.05);
    expect(bytes).toBeLessThan(QUOTA_BYTES * 0.65);
  }, 30_000);

  it('a few feeds of 1,000 events keep every event; descriptions are cut', async () => {
    const feedCount = 5;
    for (let f = 0; f < feedCount; f++) {
      const feedId = `feed${f}`;
      const events = Array.from({ length: 1000 }, (_, n) => realEvent(feedId, n));
      const fitted = fitEventsToBudget(events, feedId, feedByteBudget(feedCount), NOW, 'Europe/Paris');
      expect(fitted.dropped).toBe(0);
      expect(Math.max(...fitted.events.map((event) => event.description?.length ?? 0))).toBeLessThanOrEqual(STORED_DESCRIPTION_CHARS + 1);
      await feedDataItem(feedId).setValue({ state: EMPTY_FEED_STATE, events: fitted.events });
    }
    expect(await storedJsonBytes()).toBeLessThan(QUOTA_BYTES * 0.65);
  }, 30_000);
});

describe('fitEventsToBudget', () => {
  it('measures exactly what is stored', () => {
    const events = Array.from({ length: 300 }, (_, n) => realEvent('m', n));
    for (const budget of [50_000, 120_000, 200_000]) {
      const fitted = fitEventsToBudget(events, 'm', budget, NOW, 'Europe/Paris');
      expect(storedBytes(fitted.events, 'm')).toBeLessThanOrEqual(budget);
      // One more event would not have fitted.
      const oneMore = fitEventsToBudget(events, 'm', Number.MAX_SAFE_INTEGER, NOW, 'Europe/Paris').events.slice(0, fitted.events.length + 1);
      if (fitted.dropped > 0) expect(storedBytes(oneMore.map((e, i) => fitted.events[i] ?? { ...e, description: null }), 'm')).toBeGreaterThan(budget);
    }
  });
});
