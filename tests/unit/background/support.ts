/** Shared pieces of the background tests: feeds as real-shaped iCal, a fake network, deps, translations. */
import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MeetupEvent } from '../../../lib/events';
import { parseFeed, readBodyWithLimit, toFetchUrl } from '../../../lib/feeds/index';
import { distanceKm } from '../../../lib/location/near';
import type { BackgroundDeps, ResolveEvents } from '../../../lib/background/deps';
import { DEFAULT_SETTINGS, type FeedConfig, type Settings, type UserCity } from '../../../lib/settings';
import { feedsItem, settingsItem } from '../../../lib/storage';

export const NANTES: UserCity = {
  geonameId: 2990969,
  name: 'Nantes',
  region: 'Pays de la Loire',
  country: 'FR',
  lat: 47.2172,
  lon: -1.5534,
  timeZone: 'Europe/Paris',
};
export const NANTES_GEO = { lat: 47.2135, lon: -1.5566 };
export const PARIS_GEO = { lat: 48.8566, lon: 2.3522 };

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
/** A Tuesday; all instants in tests are absolute, so TZ=UTC and TZ=Pacific/Auckland give the same results. */
export const T0 = Date.parse('2026-11-24T09:00:00Z');

export interface IcsEvent {
  uid: string;
  summary: string;
  start: number;
  end?: number;
  status?: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  geo?: { lat: number; lon: number };
  location?: string;
  url?: string;
  dtstamp?: number;
}

function icsInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** An iCal feed shaped like Luma's (UTC times, GEO, DTSTAMP that changes on every request). */
export function icsFeed(events: IcsEvent[], options: { name?: string; ttl?: string } = {}): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Local Meetups//EN'];
  if (options.name) lines.push(`X-WR-CALNAME:${options.name}`);
  if (options.ttl) lines.push(`X-PUBLISHED-TTL:${options.ttl}`, `REFRESH-INTERVAL;VALUE=DURATION:${options.ttl}`);
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${icsInstant(event.dtstamp ?? T0)}`,
      `DTSTART:${icsInstant(event.start)}`,
      `DTEND:${icsInstant(event.end ?? event.start + 2 * HOUR)}`,
      `SUMMARY:${event.summary}`,
      `STATUS:${event.status ?? 'CONFIRMED'}`,
    );
    if (event.geo) lines.push(`GEO:${event.geo.lat};${event.geo.lon}`);
    if (event.location) lines.push(`LOCATION:${event.location.replace(/,/g, '\\,')}`);
    if (event.url) lines.push(`URL:${event.url}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

export function nantesEvent(n: number, startMs: number, extra: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: `event_${n}@meetup.com`,
    summary: `Nantes JS #${n}`,
    start: startMs,
    geo: NANTES_GEO,
    location: 'La Cantine, 11 rue La Noue Bras de Fer, Nantes',
    url: `https://www.meetup.com/nantes-js/events/${n}/`,
    ...extra,
  };
}

export type Route = (request: { url: string; headers: Headers; signal: AbortSignal | null }) => Response | Promise<Response>;

export interface FakeNetwork {
  fetch: typeof fetch;
  requests: { url: string; headers: Headers }[];
  routes: Map<string, Route>;
  /** Most requests running at the same time. */
  maxConcurrent: number;
}

export function fakeNetwork(): FakeNetwork {
  const network: FakeNetwork = { requests: [], routes: new Map(), maxConcurrent: 0, fetch: null as unknown as typeof fetch };
  let running = 0;
  network.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    network.requests.push({ url, headers });
    const route = network.routes.get(url);
    running += 1;
    network.maxConcurrent = Math.max(network.maxConcurrent, running);
    try {
      // A turn of the event loop, as a real request would take: lets concurrent requests overlap.
      await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
      if (!route) throw new TypeError('Failed to fetch');
      return await route({ url, headers, signal: init?.signal ?? null });
    } finally {
      running -= 1;
    }
  }) as typeof fetch;
  return network;
}

/** Serves `body()` with an ETag; answers 304 when the client sends it back and the body did not change. */
export function icsRoute(body: () => string, options: { etag?: boolean } = {}): Route {
  return ({ headers }) => {
    const text = body();
    const etag = `"${hash(text)}"`;
    if (options.etag !== false && headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
    return new Response(text, {
      status: 200,
      headers: { 'Content-Type': 'text/calendar; charset=utf-8', ...(options.etag === false ? {} : { ETag: etag }) },
    });
  };
}

/** Never answers; fails when the client aborts. */
export const hangingRoute: Route = ({ signal }) =>
  new Promise<Response>((_, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
  });

function hash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

/** Places events by their GEO, as lib/location does with coordinates. */
export const resolveByCoordinates: ResolveEvents = async (events, { city }) =>
  events.map((event): MeetupEvent => {
    const lat = event.place?.lat ?? null;
    const lon = event.place?.lon ?? null;
    return {
      ...event,
      resolved: {
        source: lat === null ? 'unresolved' : 'coordinates',
        city: null,
        country: null,
        lat,
        lon,
        distanceKm: city && lat !== null && lon !== null ? distanceKm(city.lat, city.lon, lat, lon) : null,
      },
    };
  });

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** chrome.i18n.getMessage over our own messages.json (the fake browser has no i18n). */
export function translator(locale: 'en' | 'fr') {
  const messages = JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Messages;
  return (key: string, substitutions: string[] = []): string => {
    const entry = messages[key];
    if (!entry) return '';
    return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, index: string) => substitutions[Number(index) - 1] ?? '');
    });
  };
}

export function testDeps(network: FakeNetwork, overrides: Partial<BackgroundDeps> = {}): BackgroundDeps {
  let ids = 0;
  return {
    fetch: network.fetch,
    readBody: readBodyWithLimit,
    toFetchUrl,
    now: () => Date.now(),
    parse: parseFeed,
    resolve: resolveByCoordinates,
    searchCities: async () => [],
    nearestCity: async () => null,
    translate: translator('en'),
    locale: 'en-GB',
    randomId: () => `feed${++ids}`,
    ...overrides,
  };
}

export function feedConfig(id: string, url: string, extra: Partial<FeedConfig> = {}): FeedConfig {
  return {
    id,
    url,
    name: id,
    format: 'auto',
    enabled: true,
    timeZone: null,
    home: null,
    addedAt: new Date(T0 - 30 * DAY).toISOString(),
    ...extra,
  };
}

export async function givenSettings(settings: Partial<Settings> = {}): Promise<void> {
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, city: NANTES, ...settings });
}

export async function givenFeeds(feeds: FeedConfig[]): Promise<void> {
  await feedsItem.setValue(feeds);
}

export function shownNotifications() {
  return fakeBrowser.notifications.getAllCreateOptions() as Record<string, { title: string; message: string; iconUrl: string }>;
}
