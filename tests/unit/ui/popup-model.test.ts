import { afterEach, describe, expect, it } from 'vitest';
import { onMessage, removeAllMessageListeners } from '../../../lib/messages';
import { EMPTY_FEED_STATE, feedDataItem, feedsItem, settingsItem, starredItem } from '../../../lib/storage';
import { createPopupModel, eventIdFromHash, type PopupModel } from '../../../lib/ui/popup-model';
import { NOW, NANTES, sampleEvents, seedStorage } from './fixtures';
import { flush, makeEvent } from './helpers';

let model: PopupModel | null = null;
afterEach(() => {
  model?.dispose();
  model = null;
  removeAllMessageListeners();
});

async function open(): Promise<PopupModel> {
  model = createPopupModel({ timeZone: 'Europe/Paris', now: () => NOW, tickMs: 0 });
  await model.start();
  return model;
}

const ids = (items: Array<{ event: { id: string } }>) => items.map((item) => item.event.id);

describe('popup model', () => {
  it('lists upcoming events near the user, sorted, grouped by day in the user zone', async () => {
    await seedStorage();
    const m = await open();
    expect(m.screen.value).toBe('list');
    // Past and Paris (340 km) are out; online is in (includeOnline); cancelled stays, labelled.
    expect(ids(m.nearUpcoming.value)).toEqual(['tonight', 'cancelled', 'online', 'saint-nazaire', 'later']);
    expect(m.groups.value.map((group) => group.dayKey)).toEqual(['2026-11-24', '2026-11-25', '2026-11-27', '2026-11-28', '2026-12-10']);
    const tonight = m.nearUpcoming.value[0]!;
    expect(tonight.feedName).toBe('Rust Nantes');
    expect(tonight.distanceKm).toBeLessThan(2);
  });

  it('marks unseen events new (never a cancelled one, as the badge) and keeps the markers after markSeen', async () => {
    await seedStorage({ seen: ['tonight'] });
    const sent: string[][] = [];
    onMessage('markSeen', ({ data }) => {
      sent.push(data.ids ?? []);
    });
    const m = await open();
    expect(m.nearUpcoming.value.filter((item) => item.isNew).map((item) => item.event.id)).toEqual(['online', 'saint-nazaire', 'later']);
    await m.markSeen();
    expect(sent).toEqual([['online', 'saint-nazaire', 'later']]);
    expect(m.newCount.value).toBe(3);
  });

  it.each([
    ['search in description, accent-insensitive', { query: 'CAFE' }, ['tonight', 'saint-nazaire']],
    ['search by venue', { query: 'congrès' }, ['later']],
    ['next 7 days', { when: 'week' }, ['tonight', 'cancelled', 'online', 'saint-nazaire']],
    ['online only', { mode: 'online' }, ['online']],
    ['in person only', { mode: 'inPerson' }, ['tonight', 'cancelled', 'saint-nazaire', 'later']],
    ['one feed', { feedFilter: 'b' }, ['online', 'saint-nazaire']],
  ] as const)('filters: %s', async (_, filters, expected) => {
    await seedStorage();
    const m = await open();
    for (const [key, value] of Object.entries(filters)) (m as any)[key].value = value;
    expect(ids(m.visible.value)).toEqual(expected);
    m.clearFilters();
    expect(m.visible.value).toHaveLength(5);
  });

  it('"In person" hides an online-only Meetup event whose LOCATION says "Online event" (the group GEO is no venue)', async () => {
    await seedStorage();
    const groupGeo = { source: 'online' as const, city: 'Nantes', country: 'FR', lat: 47.2173, lon: -1.5534, distanceKm: null, online: true, inPerson: false };
    const meetupOnline = makeEvent({
      id: 'meetup-online', feedId: 'b', title: 'Nantes JS online', online: true, location: 'Online event',
      start: '2026-11-26T18:00:00Z', end: '2026-11-26T20:00:00Z', resolved: groupGeo,
    });
    const hybrid = makeEvent({
      id: 'hybrid', feedId: 'b', title: 'Hybrid talk', online: true, location: 'La Cantine, Nantes',
      start: '2026-11-26T19:00:00Z', end: '2026-11-26T21:00:00Z', resolved: { ...groupGeo, source: 'address' as const, inPerson: true },
    });
    await feedDataItem('b').setValue({ state: { ...EMPTY_FEED_STATE, synced: true, eventCount: 2 }, events: [meetupOnline, hybrid] });
    const m = await open();
    m.mode.value = 'inPerson';
    expect(ids(m.visible.value)).toEqual(['tonight', 'cancelled', 'hybrid', 'later']);
    m.mode.value = 'online';
    expect(ids(m.visible.value)).toEqual(['meetup-online', 'hybrid']);
  });

  it('stars with a snapshot, shows the starred view, unstars', async () => {
    await seedStorage();
    const m = await open();
    const paris = sampleEvents().a.find((event) => event.id === 'paris')!;
    await m.toggleStar(paris);
    expect(await starredItem.getValue()).toEqual({
      paris: { id: 'paris', title: 'Paris.rb', start: paris.start, location: 'Paris', status: 'confirmed', remindedAt: null, town: 'Paris' },
    });
    await flush();
    m.view.value = 'starred';
    // Starred events show even when they are outside the radius.
    expect(ids(m.visible.value)).toEqual(['paris']);
    await m.toggleStar(paris);
    await flush();
    expect(await starredItem.getValue()).toEqual({});
    expect(m.screen.value).toBe('noMatches');
  });

  describe('the same meetup in two feeds', () => {
    const near = { source: 'address' as const, city: 'Nantes', country: 'FR', lat: 47.2173, lon: -1.5534, distanceKm: null };
    // Rust Nantes' own Meetup copy (short description) and Ouest Tech's aggregated copy, five minutes apart.
    const own = makeEvent({ id: 'own', feedId: 'a', title: 'Rust Nantes #13 : async', start: '2026-11-26T18:00:00Z', location: 'La Cantine, Nantes', description: 'Talks.', url: 'https://www.meetup.com/rust-nantes/events/1/', resolved: near });
    const copy = makeEvent({ id: 'copy', feedId: 'b', title: 'Rust Nantes #13 – Async', start: '2026-11-26T18:05:00Z', location: 'La Cantine', description: 'Two talks on async Rust, then pizza.', url: 'https://ouest.example.org/e/13', resolved: near });

    async function openWithCopies(seen: string[] = []): Promise<PopupModel> {
      await seedStorage({ seen });
      const { a, b } = sampleEvents();
      await feedDataItem('a').setValue({ state: { ...EMPTY_FEED_STATE, synced: true }, events: [...a, own] });
      await feedDataItem('b').setValue({ state: { ...EMPTY_FEED_STATE, synced: true }, events: [...b, copy] });
      return open();
    }

    it('is one row with the richer description and both sources', async () => {
      const m = await openWithCopies();
      const rows = m.nearUpcoming.value.filter((item) => item.event.title.startsWith('Rust Nantes #13'));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.event.description).toBe('Two talks on async Rust, then pizza.');
      expect(rows[0]!.sources.map((source) => source.id)).toEqual(['copy', 'own']);
      expect(rows[0]!.feedName).toBe('Ouest Tech');
    });

    it('is not new when either copy was seen, and marking it seen marks both', async () => {
      const sent: string[][] = [];
      onMessage('markSeen', ({ data }) => {
        sent.push(data.ids ?? []);
      });
      expect((await openWithCopies(['own'])).nearUpcoming.value.find((item) => item.event.id === 'copy')!.isNew).toBe(false);
      model!.dispose();
      const m = await openWithCopies([]);
      await m.markSeen();
      expect(sent[0]).toEqual(expect.arrayContaining(['copy', 'own']));
    });

    it('starring either copy keeps the star; unstarring clears both', async () => {
      const m = await openWithCopies();
      await starredItem.setValue({ own: { id: 'own', title: own.title, start: own.start, location: own.location, status: 'confirmed', remindedAt: null } });
      await flush();
      const row = m.nearUpcoming.value.find((item) => item.event.id === 'copy')!;
      expect(row.starred).toBe(true);
      m.view.value = 'starred';
      expect(ids(m.visible.value)).toEqual(['copy']);
      await m.toggleStar(row.event);
      await flush();
      expect(await starredItem.getValue()).toEqual({});
    });
  });

  it('follows storage: a refresh that lands while open updates the list', async () => {
    await seedStorage();
    const m = await open();
    await feedDataItem('b').setValue({
      state: { ...EMPTY_FEED_STATE, error: 'HTTP 503: the server is busy' },
      events: [makeEvent({ id: 'fresh', feedId: 'b', title: 'Fresh meetup', start: '2026-11-24T19:00:00Z', resolved: { source: 'address', city: 'Nantes', country: 'FR', lat: 47.22, lon: -1.55, distanceKm: null } })],
    });
    await flush();
    expect(ids(m.nearUpcoming.value)).toEqual(['tonight', 'fresh', 'cancelled', 'later']);
    expect(m.nearUpcoming.value.find((item) => item.event.id === 'fresh')?.isNew).toBe(true);
    expect(m.failingFeeds.value).toEqual([{ id: 'b', name: 'Ouest Tech', error: 'HTTP 503: the server is busy' }]);
  });

  it('follows a feed added while open', async () => {
    await seedStorage();
    const m = await open();
    await feedDataItem('c').setValue({ state: EMPTY_FEED_STATE, events: [makeEvent({ id: 'c1', feedId: 'c', online: true, start: '2026-11-30T18:00:00Z' })] });
    await feedsItem.setValue([...(await feedsItem.getValue()), { id: 'c', url: 'https://c.example.org/ics', name: '', format: 'auto', enabled: true, timeZone: null, home: null, addedAt: '2026-11-24T00:00:00Z' }]);
    await flush(10);
    expect(ids(m.nearUpcoming.value)).toContain('c1');
    expect(m.nearUpcoming.value.find((item) => item.event.id === 'c1')?.feedName).toBe('c.example.org');
  });

  it.each([
    ['welcome on first run', { feeds: [], settings: { city: null } }, 'welcome'],
    ['no feeds but a city', { feeds: [] }, 'noFeeds'],
    ['nothing near', { settings: { city: { ...NANTES, name: 'Lyon', lat: 45.764, lon: 4.8357 }, includeOnline: false } }, 'noEvents'],
  ] as const)('screen: %s', async (_, seed, screen) => {
    await seedStorage(seed as any);
    const m = await open();
    expect(m.screen.value).toBe(screen);
  });

  it('offers the next radius step and writes it', async () => {
    await seedStorage({ settings: { radiusKm: 25, includeOnline: false } });
    const m = await open();
    expect(m.nextRadiusKm.value).toBe(50);
    await m.setRadius(50);
    expect((await settingsItem.getValue()).radiusKm).toBe(50);
    expect((await settingsItem.getValue()).city).toEqual(NANTES);
  });

  it('shows "updated" from the newest success and refreshes through the background', async () => {
    await seedStorage();
    let calls = 0;
    onMessage('refreshAll', () => {
      calls++;
      return { refreshed: 2, unchanged: 0, failed: 0, skipped: 0 };
    });
    const m = await open();
    expect(m.lastUpdatedMs.value).toBe(Date.parse('2026-11-24T11:50:00Z'));
    const pending = m.refresh('failed');
    expect(m.refreshing.value).toBe(true);
    await pending;
    expect(calls).toBe(1);
    expect(m.refreshing.value).toBe(false);
    expect(m.actionError.value).toBeNull();
  });

  it('reports a refresh that cannot reach the background', async () => {
    await seedStorage();
    const m = await open();
    await m.refresh('The refresh could not start.');
    expect(m.actionError.value).toBe('The refresh could not start.');
  });
});

describe('eventIdFromHash', () => {
  it.each([
    ['#event=a%7Cuid%401%7C2026-11-24T17%3A30%3A00Z', 'a|uid@1|2026-11-24T17:30:00Z'],
    ['#event=plain', 'plain'],
    ['', null],
    ['#other=1', null],
    ['#event=%E0%A4%A', null],
  ])('%s → %s', (hash, expected) => {
    expect(eventIdFromHash(hash)).toBe(expected);
  });
});
