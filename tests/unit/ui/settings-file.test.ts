import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings';
import { buildSettingsFile, parseSettingsFile, validateSettingsFile } from '../../../lib/settings-file';
import { makeFeed } from './helpers';

const city = { geonameId: 2990969, name: 'Nantes', region: 'Pays de la Loire', country: 'FR', lat: 47.2173, lon: -1.5534, timeZone: 'Europe/Paris' };
const settings: Settings = { ...DEFAULT_SETTINGS, city, radiusKm: 40, badgeMode: 'week', reminderMinutes: 30 };
const feeds = [makeFeed({ id: 'a', timeZone: 'Europe/Paris' }), makeFeed({ id: 'b', url: 'webcal://b.example.org/cal.ics', enabled: false })];
const good = () => JSON.parse(JSON.stringify(buildSettingsFile(settings, feeds, Date.parse('2026-11-20T08:00:00Z'))));

describe('settings file', () => {
  it('round-trips an export', () => {
    const file = good();
    expect(file.format).toBe('local-meetups-settings');
    expect(file.version).toBe(2);
    expect(file.exportedAt).toBe('2026-11-20T08:00:00.000Z');
    expect(parseSettingsFile(JSON.stringify(file))).toEqual({ ok: true, settings, feeds });
  });

  it('fills settings an older file lacks with defaults', () => {
    const file = good();
    delete file.settings.reminderMinutes;
    delete file.feeds[0].home;
    const result = validateSettingsFile(file);
    expect(result.ok && result.settings.reminderMinutes).toBe(DEFAULT_SETTINGS.reminderMinutes);
    expect(result.ok && result.feeds[0]?.home).toBeNull();
  });

  it('maps a version 1 file\'s "all events local" tick to the city as the feed\'s home', () => {
    const file = good();
    file.version = 1;
    for (const feed of file.feeds) delete feed.home;
    file.feeds[0].allEventsLocal = true;
    file.feeds[1].allEventsLocal = false;
    const result = validateSettingsFile(file);
    expect(result.ok && result.feeds.map((feed) => feed.home)).toEqual([
      { city: 'Nantes', country: 'FR', lat: 47.2173, lon: -1.5534, source: 'user' },
      null,
    ]);
    expect(result.ok && result.feeds[0]).not.toHaveProperty('allEventsLocal');
    // Without a city there is no town to name: the feed learns its home instead.
    file.settings.city = null;
    const cityless = validateSettingsFile(file);
    expect(cityless.ok && cityless.feeds[0]?.home).toBeNull();
  });

  it('reads and checks a feed\'s home', () => {
    const file = good();
    file.feeds[0].home = { city: 'Caen', country: 'FR', lat: 49.18, lon: -0.37, source: 'directory' };
    file.feeds[1].learnHome = false;
    const result = validateSettingsFile(file);
    expect(result.ok && result.feeds[0]?.home).toEqual(file.feeds[0].home);
    expect(result.ok && result.feeds[1]?.learnHome).toBe(false);
    file.feeds[0].home.lat = 123;
    file.feeds[1].home = { city: 'Caen', country: 'FR', lat: 49.18, lon: -0.37, source: 'guessed' };
    expect(validateSettingsFile(file)).toEqual({
      ok: false,
      problems: [
        { path: 'feeds[0].home.lat', code: 'outOfRange' },
        { path: 'feeds[1].home.source', code: 'badValue' },
      ],
    });
  });

  it.each<[string, (file: any) => unknown, Array<{ path: string; code: string }>]>([
    ['not a settings file', () => ({ hello: 1 }), [{ path: 'format', code: 'notSettingsFile' }]],
    ['a newer version', (f) => ((f.version = 3), f), [{ path: 'version', code: 'newerVersion' }]],
    ['radius as text', (f) => ((f.settings.radiusKm = '40'), f), [{ path: 'settings.radiusKm', code: 'wrongType' }]],
    ['refresh too often', (f) => ((f.settings.refreshMinutes = 1), f), [{ path: 'settings.refreshMinutes', code: 'outOfRange' }]],
    ['unknown badge mode', (f) => ((f.settings.badgeMode = 'all'), f), [{ path: 'settings.badgeMode', code: 'badValue' }]],
    ['city without lat', (f) => (delete f.settings.city.lat, f), [{ path: 'settings.city.lat', code: 'missing' }]],
    ['a javascript: feed', (f) => ((f.feeds[1].url = 'javascript:alert(1)'), f), [{ path: 'feeds[1].url', code: 'badUrl' }]],
    ['a bad zone', (f) => ((f.feeds[0].timeZone = 'Mars/Olympus'), f), [{ path: 'feeds[0].timeZone', code: 'badTimeZone' }]],
    ['duplicate ids', (f) => ((f.feeds[1].id = 'a'), f), [{ path: 'feeds[1].id', code: 'duplicate' }]],
    ['feeds not a list', (f) => ((f.feeds = {}), f), [{ path: 'feeds', code: 'wrongType' }]],
    ['no settings', (f) => (delete f.settings, f), [{ path: 'settings', code: 'missing' }]],
    [
      'several problems at once',
      (f) => ((f.settings.includeOnline = 'yes'), (f.feeds[0].enabled = 1), f),
      [
        { path: 'settings.includeOnline', code: 'wrongType' },
        { path: 'feeds[0].enabled', code: 'wrongType' },
      ],
    ],
  ])('rejects %s', (_, mutate, problems) => {
    const result = validateSettingsFile(mutate(good()));
    expect(result).toEqual({ ok: false, problems });
  });

  it('keeps the first of two spellings of one feed (Meetup ignores the slug\'s case and the www)', () => {
    const file = good();
    file.feeds[0].url = 'https://www.meetup.com/CaenCamp/events/ical/';
    file.feeds.push({ ...file.feeds[0], id: 'c', name: 'Again', url: 'https://meetup.com/caencamp/events/ical/' });
    const result = validateSettingsFile(file);
    expect(result.ok && result.feeds.map((feed) => feed.id)).toEqual(['a', 'b']);
  });

  it('rejects text that is not JSON', () => {
    expect(parseSettingsFile('{ nope')).toEqual({ ok: false, problems: [{ path: '', code: 'notJson' }] });
  });

  it('canonicalises zones', () => {
    const file = good();
    file.feeds[0].timeZone = 'europe/paris';
    const result = validateSettingsFile(file);
    expect(result.ok && result.feeds[0]?.timeZone).toBe('Europe/Paris');
  });
});
