import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CityMatch } from '../../../lib/location/city-match';
import { onMessage, removeAllMessageListeners } from '../../../lib/messages';
import { buildSettingsFile } from '../../../lib/settings-file';
import { feedsItem, settingsItem } from '../../../lib/storage';
import { createOptionsModel, type OptionsModel } from '../../../lib/ui/options-model';
import { NANTES, seedStorage } from './fixtures';
import { flush, makeEvent, makeFeed } from './helpers';

let model: OptionsModel | null = null;
let requested: string[][];
let grant: boolean;

beforeEach(() => {
  requested = [];
  grant = true;
  const permissions = fakeBrowser.permissions as any;
  permissions.request = vi.fn(async ({ origins }: { origins: string[] }) => {
    requested.push(origins);
    return grant;
  });
  permissions.contains = vi.fn(async ({ origins }: { origins: string[] }) => origins[0] !== 'https://b.example.org/*');
});

afterEach(() => {
  model?.dispose();
  model = null;
  removeAllMessageListeners();
});

async function open(options: Parameters<typeof createOptionsModel>[0] = {}): Promise<OptionsModel> {
  model = createOptionsModel({ searchDelayMs: 5, undoMs: 50, ...options });
  await model.start();
  return model;
}

const saintNazaire: CityMatch = { geonameId: 2977921, name: 'Saint-Nazaire', region: 'Pays de la Loire', country: 'FR', lat: 47.2733, lon: -2.2139, timeZone: 'Europe/Paris', population: 69000 };

describe('options model', () => {
  it('mirrors settings and feeds, with each feed state and permission', async () => {
    await seedStorage({ errorB: 'HTTP 500' });
    const m = await open();
    expect(m.settings.value.city).toEqual(NANTES);
    expect(m.feeds.value.map((feed) => feed.id)).toEqual(['a', 'b']);
    await flush();
    expect(m.feedStates.value.b?.error).toBe('HTTP 500');
    expect(m.granted.value).toEqual({ a: true, b: false });
  });

  it('searches cities after a pause and drops answers to older queries', async () => {
    await seedStorage();
    const queries: string[] = [];
    onMessage('searchCities', async ({ data }) => {
      queries.push(data.query);
      return data.query === 'Saint-N' ? [saintNazaire] : [];
    });
    const m = await open();
    m.searchCity('S');
    m.searchCity('Sa');
    m.searchCity('Saint-N');
    expect(m.citySearching.value).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await flush();
    expect(queries).toEqual(['Saint-N']);
    expect(m.cityResults.value).toEqual([saintNazaire]);
    await m.chooseCity(saintNazaire);
    expect((await settingsItem.getValue()).city).toEqual({ geonameId: 2977921, name: 'Saint-Nazaire', region: 'Pays de la Loire', country: 'FR', lat: 47.2733, lon: -2.2139, timeZone: 'Europe/Paris' });
    expect(m.cityResults.value).toEqual([]);
  });

  it('uses the position only to ask the background for the nearest town', async () => {
    await seedStorage({ settings: { city: null } });
    const asked: Array<{ lat: number; lon: number }> = [];
    onMessage('nearestCity', ({ data }) => {
      asked.push(data);
      return saintNazaire;
    });
    const m = await open();
    const geolocation = {
      getCurrentPosition: (ok: PositionCallback) => ok({ coords: { latitude: 47.27, longitude: -2.21 } } as GeolocationPosition),
    } as Geolocation;
    await m.useMyLocation(geolocation);
    expect(asked).toEqual([{ lat: 47.27, lon: -2.21 }]);
    expect((await settingsItem.getValue()).city?.name).toBe('Saint-Nazaire');
    const refused = { getCurrentPosition: (_: PositionCallback, fail?: PositionErrorCallback | null) => fail?.({ code: 1 } as GeolocationPositionError) } as Geolocation;
    await m.useMyLocation(refused);
    expect(m.cityError.value).toBe('geolocation');
  });

  it('tests a feed before saving, asks for its origin in the same gesture, then adds it', async () => {
    await seedStorage();
    const added: unknown[] = [];
    onMessage('testFeed', ({ data }) => ({
      ok: true,
      error: null,
      format: 'ical',
      title: 'Nantes JUG',
      eventCount: 12,
      next: [makeEvent({ id: 'n1' }), makeEvent({ id: 'n2' }), makeEvent({ id: 'n3' })],
      warnings: [data.url],
    }));
    onMessage('addFeed', ({ data }) => {
      added.push(data);
      return { id: 'new', url: data.url, name: data.name ?? '', format: 'auto', enabled: true, timeZone: null, home: null, addedAt: '' };
    });
    const m = await open();
    m.setFeedUrl('webcal://jug.example.org/agenda.ics');
    const testing = m.testFeed();
    // The Test click asks first, synchronously: the background cannot read a server without CORS otherwise.
    expect(requested).toEqual([['https://jug.example.org/*']]);
    await testing;
    expect(m.addPhase.value).toBe('tested');
    expect(m.preview.value?.eventCount).toBe(12);
    expect(m.feedName.value).toBe('Nantes JUG');
    expect(added).toEqual([]);

    const adding = m.addTestedFeed();
    // Synchronously, before any await: the permission prompt needs the click's user gesture.
    expect(requested).toEqual([['https://jug.example.org/*'], ['https://jug.example.org/*']]);
    expect(await adding).toBe(true);
    expect(added).toEqual([{ url: 'webcal://jug.example.org/agenda.ics', name: 'Nantes JUG' }]);
    expect(m.preview.value).toBeNull();
    expect(m.feedUrl.value).toBe('');
  });

  it('adds nothing when the permission is refused or the feed failed its test', async () => {
    await seedStorage();
    let adds = 0;
    let ok = true;
    onMessage('testFeed', () => ({ ok, error: ok ? null : 'Not a calendar (HTML page without events)', format: ok ? 'ical' : null, title: null, eventCount: 0, next: [], warnings: [] }));
    onMessage('addFeed', () => {
      adds++;
      return {} as any;
    });
    const m = await open();
    m.feedUrl.value = 'https://example.org/cal.ics';
    await m.testFeed();
    grant = false;
    expect(await m.addTestedFeed()).toBe(false);
    expect(m.addError.value).toBe('permissionDenied');
    ok = false;
    await m.testFeed();
    expect(m.preview.value?.error).toBe('Not a calendar (HTML page without events)');
    expect(await m.addTestedFeed()).toBe(false);
    expect(adds).toBe(0);
    m.feedUrl.value = 'not a url at all';
    await m.testFeed();
    expect(m.addError.value).toBe('badUrl');
  });

  describe('the origin asked for by a Test click', () => {
    const JUG = 'https://jug.example.org/*';
    let held: Set<string>;
    let removed: string[][];
    let tested: string[];

    beforeEach(async () => {
      held = new Set();
      removed = [];
      tested = [];
      const permissions = fakeBrowser.permissions as any;
      permissions.request = vi.fn(async ({ origins }: { origins: string[] }) => {
        requested.push(origins);
        // Like a prompt: the answer comes later, after the contains() asked in the same turn.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (grant) origins.forEach((origin) => held.add(origin));
        return grant;
      });
      permissions.contains = vi.fn(async ({ origins }: { origins: string[] }) => held.has(origins[0]!));
      permissions.remove = vi.fn(async ({ origins }: { origins: string[] }) => {
        removed.push(origins);
        origins.forEach((origin) => held.delete(origin));
        return true;
      });
      await seedStorage();
      onMessage('testFeed', ({ data }) => {
        tested.push(data.url);
        return { ok: true, error: null, format: 'ical', title: null, eventCount: 1, next: [], warnings: [] };
      });
    });

    async function tested1(url = 'https://jug.example.org/agenda.ics'): Promise<OptionsModel> {
      const m = await open();
      m.setFeedUrl(url);
      await m.testFeed();
      return m;
    }

    it.each<[string, (m: OptionsModel) => unknown]>([
      ['Cancel', (m) => m.resetAddForm()],
      ['the URL field emptied', (m) => m.setFeedUrl('  ')],
      ['the page left', (m) => m.dispose()],
      [
        'another origin tested',
        (m) => {
          m.setFeedUrl('https://other.example.net/cal.ics');
          return m.testFeed();
        },
      ],
    ])('is given back when the feed is not added: %s', async (_, leave) => {
      const m = await tested1();
      expect(held.has(JUG)).toBe(true);
      await leave(m);
      await flush();
      expect(removed).toEqual([[JUG]]);
      expect(held.has(JUG)).toBe(false);
    });

    it('is kept once the feed is added, and the Add click asks again without harm', async () => {
      onMessage('addFeed', ({ data }) => ({ id: 'new', url: data.url, name: '', format: 'auto', enabled: true, timeZone: null, home: null, addedAt: '' }));
      const m = await tested1();
      expect(await m.addTestedFeed()).toBe(true);
      m.dispose();
      await flush();
      expect(requested).toEqual([[JUG], [JUG]]);
      expect(removed).toEqual([]);
    });

    it('asks the Add click for the port-less pattern the Test click got, for a feed on another port', async () => {
      // Firefox counts `http://127.0.0.1:8765/*` as an origin of its own: asking for it would prompt again.
      onMessage('addFeed', ({ data }) => ({ id: 'new', url: data.url, name: '', format: 'auto', enabled: true, timeZone: null, home: null, addedAt: '' }));
      const m = await tested1('http://127.0.0.1:8765/feeds/caen.ics');
      expect(await m.addTestedFeed()).toBe(true);
      expect(requested).toEqual([['http://127.0.0.1/*'], ['http://127.0.0.1/*']]);
    });

    it('is kept when it was held before the test (another feed, the test build)', async () => {
      held.add(JUG);
      const m = await tested1();
      m.resetAddForm();
      await flush();
      expect(removed).toEqual([]);
    });

    it('is kept when a configured feed reads from the same origin', async () => {
      // Feed "b" of the fixture is https://b.example.org/calendar.ics, not granted (yet).
      const m = await tested1('https://b.example.org/other.ics');
      expect(held.has('https://b.example.org/*')).toBe(true);
      m.resetAddForm();
      await flush();
      expect(removed).toEqual([]);
    });

    it('still tests when refused: CORS servers answer, others say the permission is missing', async () => {
      grant = false;
      removeAllMessageListeners();
      onMessage('testFeed', ({ data }) => {
        tested.push(data.url);
        return {
          ok: false,
          error: 'No permission to read jug.example.org yet',
          errorCode: 'permission',
          errorParams: { host: 'jug.example.org' },
          format: null,
          title: null,
          eventCount: 0,
          next: [],
          warnings: [],
        };
      });
      const m = await tested1();
      expect(tested).toEqual(['https://jug.example.org/agenda.ics']);
      expect(m.preview.value?.errorCode).toBe('permission');
      m.dispose();
      await flush();
      expect(removed).toEqual([]);
    });

    it('drops an answer that arrives after the form was cleared, and gives its origin back', async () => {
      let answer!: (ok: boolean) => void;
      (fakeBrowser.permissions as any).request = vi.fn(({ origins }: { origins: string[] }) => {
        requested.push(origins);
        return new Promise<boolean>((resolve) => {
          answer = (ok) => {
            if (ok) origins.forEach((origin) => held.add(origin));
            resolve(ok);
          };
        });
      });
      const m = await open();
      m.setFeedUrl('https://jug.example.org/agenda.ics');
      const testing = m.testFeed();
      m.setFeedUrl('');
      answer(true);
      await testing;
      await flush();
      expect(m.preview.value).toBeNull();
      expect(m.addPhase.value).toBe('idle');
      expect(removed).toEqual([[JUG]]);
    });
  });

  it('removes a feed with undo, restoring it at its place', async () => {
    await seedStorage();
    const m = await open({ undoMs: 10_000 });
    await m.removeFeed('a');
    expect((await feedsItem.getValue()).map((feed) => feed.id)).toEqual(['b']);
    expect(m.pendingRemoval.value?.feed.id).toBe('a');
    await m.undoRemove();
    expect((await feedsItem.getValue()).map((feed) => feed.id)).toEqual(['a', 'b']);
    expect(m.pendingRemoval.value).toBeNull();
  });

  it('forgets the undo after its delay', async () => {
    await seedStorage();
    const m = await open({ undoMs: 20 });
    await m.removeFeed('b');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(m.pendingRemoval.value).toBeNull();
    expect((await feedsItem.getValue()).map((feed) => feed.id)).toEqual(['a']);
  });

  describe('a removed feed gives its site back once the removal is final', () => {
    let removed: string[][];

    beforeEach(() => {
      removed = [];
      (fakeBrowser.permissions as any).remove = vi.fn(async ({ origins }: { origins: string[] }) => {
        removed.push(origins);
        return true;
      });
    });

    it.each<[string, (m: OptionsModel) => unknown]>([
      ['the undo delay ran out', () => new Promise((resolve) => setTimeout(resolve, 40))],
      ['the note was dismissed', (m) => m.dismissUndo()],
      ['the page was left', (m) => m.dispose()],
      ['another feed was removed', (m) => m.removeFeed('a')],
    ])('%s', async (_, settle) => {
      await seedStorage();
      const m = await open({ undoMs: 20 });
      await m.removeFeed('b');
      expect(removed).toEqual([]);
      await settle(m);
      await flush();
      expect(removed[0]).toEqual(['https://b.example.org/*']);
    });

    it('keeps it when the removal is undone', async () => {
      await seedStorage();
      const m = await open({ undoMs: 20 });
      await m.removeFeed('b');
      await m.undoRemove();
      await new Promise((resolve) => setTimeout(resolve, 40));
      expect(removed).toEqual([]);
    });

    it('keeps it while another feed reads from the same site, whatever its port', async () => {
      await seedStorage({
        feeds: [
          { ...makeFeed({ id: 'a' }), url: 'http://127.0.0.1:8765/one.ics' },
          { ...makeFeed({ id: 'b' }), url: 'http://127.0.0.1:9000/two.ics' },
        ],
      });
      const m = await open({ undoMs: 20 });
      await m.removeFeed('b');
      m.dismissUndo();
      await flush();
      expect(removed).toEqual([]);
      await m.removeFeed('a');
      m.dismissUndo();
      await flush();
      expect(removed).toEqual([['http://127.0.0.1/*']]);
    });
  });

  it('updates one feed without touching the others', async () => {
    await seedStorage();
    const m = await open();
    await m.updateFeed('b', { name: 'Renamed', timeZone: 'America/Montreal', home: { city: 'Montréal', country: 'CA', lat: 45.5088, lon: -73.5878, source: 'user' as const }, enabled: false });
    const [a, b] = await feedsItem.getValue();
    expect(a?.name).toBe('Rust Nantes');
    expect(b).toMatchObject({ name: 'Renamed', timeZone: 'America/Montreal', home: { city: 'Montréal' }, enabled: false });
  });

  it('exports a file that imports back; a bad file changes nothing', async () => {
    await seedStorage();
    const m = await open();
    const exported = await m.exportText();
    const parsed = JSON.parse(exported);
    expect(parsed.format).toBe('local-meetups-settings');
    expect(parsed.feeds).toHaveLength(2);

    const before = { settings: await settingsItem.getValue(), feeds: await feedsItem.getValue() };
    const bad = { ...parsed, feeds: [{ ...parsed.feeds[0], url: 'file:///etc/passwd' }] };
    expect(await m.importText(JSON.stringify(bad))).toBe(false);
    expect(m.importProblems.value).toEqual([{ path: 'feeds[0].url', code: 'badUrl' }]);
    expect({ settings: await settingsItem.getValue(), feeds: await feedsItem.getValue() }).toEqual(before);

    const other = buildSettingsFile({ ...before.settings, radiusKm: 120 }, [before.feeds[1]!], 0);
    expect(await m.importText(JSON.stringify(other))).toBe(true);
    expect((await settingsItem.getValue()).radiusKm).toBe(120);
    expect((await feedsItem.getValue()).map((feed) => feed.id)).toEqual(['b']);
    expect(m.importProblems.value).toBeNull();
    expect(m.importDone.value).toBe(true);
  });
});
