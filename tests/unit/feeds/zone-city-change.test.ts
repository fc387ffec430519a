/**
 * Floating times of a feed without a zone setting are read in the user's city's zone: when the city moves to
 * another zone, the background must read those feeds again (without validators: a 304 would keep the old
 * reading), and leave alone the feeds that have their own zone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackground, type BackgroundApi } from '../../../lib/background/worker';
import type { UserCity } from '../../../lib/settings';
import { feedDataItem, settingsItem } from '../../../lib/storage';
import { fakeNetwork, feedConfig, givenFeeds, givenSettings, icsRoute, T0, testDeps, type FakeNetwork } from '../background/support';

const MONTREAL: UserCity = { geonameId: 6077243, name: 'Montréal', region: 'Quebec', country: 'CA', lat: 45.5088, lon: -73.5878, timeZone: 'America/Toronto' };
const BRUSSELS: UserCity = { geonameId: 2800866, name: 'Brussels', region: 'Brussels Capital', country: 'BE', lat: 50.8505, lon: 4.3488, timeZone: 'Europe/Brussels' };
const URL_A = 'https://agenda.example.org/floating.ics';
const URL_B = 'https://agenda.example.org/with-zone.ics';

const floating = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//CMS//EN', 'BEGIN:VEVENT', 'UID:floating-1', 'DTSTAMP:20261120T000000Z',
  'DTSTART:20261126T183000', 'DTEND:20261126T203000', 'SUMMARY:Apéro code', 'END:VEVENT', 'END:VCALENDAR', '',
].join('\r\n');

let network: FakeNetwork;
let worker: BackgroundApi | null = null;

beforeEach(() => {
  vi.useFakeTimers({ now: T0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  network = fakeNetwork();
  network.routes.set(URL_A, icsRoute(() => floating));
  network.routes.set(URL_B, icsRoute(() => floating));
});

afterEach(() => {
  worker?.stop();
  worker = null;
  vi.useRealTimers();
});

const startOf = async (id: string) => (await feedDataItem(id).getValue()).events[0]?.start;
const requestsTo = (url: string) => network.requests.filter((request) => request.url === url);

describe('the city moves to another zone', () => {
  it.each<[string, UserCity, string, number]>([
    ['Nantes → Montréal: the floating feed is read again in Montréal time', MONTREAL, '2026-11-26T23:30:00Z', 2],
    ['Nantes → Brussels (same clock, other zone name): read again, same times', BRUSSELS, '2026-11-26T17:30:00Z', 2],
  ])('%s', async (_label, city, start, fetchesOfA) => {
    await givenSettings();
    await givenFeeds([feedConfig('a', URL_A), feedConfig('b', URL_B, { timeZone: 'Asia/Tokyo' })]);
    worker = startBackground(testDeps(network));
    await worker.idle();
    expect(await startOf('a')).toBe('2026-11-26T17:30:00Z');
    expect(await startOf('b')).toBe('2026-11-26T09:30:00Z');

    await settingsItem.setValue({ ...(await settingsItem.getValue()), city });
    await worker.idle();
    expect(await startOf('a')).toBe(start);
    expect(requestsTo(URL_A)).toHaveLength(fetchesOfA);
    expect(requestsTo(URL_A)[1]?.headers.get('If-None-Match')).toBeNull();
    // Its own zone setting: nothing to read again.
    expect(requestsTo(URL_B)).toHaveLength(1);
    expect(await startOf('b')).toBe('2026-11-26T09:30:00Z');
  });

  it('a settings change that keeps the zone fetches nothing', async () => {
    await givenSettings();
    await givenFeeds([feedConfig('a', URL_A)]);
    worker = startBackground(testDeps(network));
    await worker.idle();
    await settingsItem.setValue({ ...(await settingsItem.getValue()), radiusKm: 50, city: { ...(await settingsItem.getValue()).city!, name: 'Nantes (centre)' } });
    await worker.idle();
    expect(requestsTo(URL_A)).toHaveLength(1);
  });
});
