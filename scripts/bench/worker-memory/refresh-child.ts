/**
 * One worker refresh in a fresh process, for scripts/bench/worker-memory.ts: the real background
 * (startBackground) over WXT's fake browser, N feeds of ~1,000 events each served by a fake fetch, forced
 * refresh of every feed. Prints one JSON line: heap before, peak heap during (garbage included), peak live heap
 * (after a full GC, taken as each fetch starts), heap retained after a full GC,
 * the bytes the fake storage holds, and the RSS high-water mark.
 *
 *   node --expose-gc --import tsx scripts/bench/worker-memory/refresh-child.ts <feeds>
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { generateMeetupFeed } from '../support/feeds';

const feedCount = Number(process.argv[2] ?? 50);
const EVENTS_PER_FEED_BYTES = 960_000; // ≈ 1,000 Meetup-shaped events
const NOW = Date.parse('2026-11-28T12:00:00Z');

// wxt/browser picks `chrome` up when its module is first evaluated: set before anything imports it.
(globalThis as { chrome?: unknown }).chrome = fakeBrowser;
const { DEFAULT_SETTINGS } = await import('../../../lib/settings');
const { feedsItem, settingsItem } = await import('../../../lib/storage');
const { startBackground } = await import('../../../lib/background/worker');
const { parseFeed, readBodyWithLimit, toFetchUrl } = await import('../../../lib/feeds/index');

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heap = () => process.memoryUsage().heapUsed;

await settingsItem.setValue({ ...DEFAULT_SETTINGS, city: { name: 'Paris', region: null, country: 'FR', lat: 48.8566, lon: 2.3522, timeZone: 'Europe/Paris' } as never, notifyNewEvents: true });
await feedsItem.setValue(
  Array.from({ length: feedCount }, (_, i) => ({
    id: `feed${i}`,
    url: `https://meetup.example/feed${i}.ics`,
    name: `Feed ${i}`,
    format: 'auto' as const,
    enabled: true,
    timeZone: null,
    home: null,
    addedAt: '2026-11-01T00:00:00Z',
  })),
);

let events = 0;
let measuring = false;
/** Live heap (after a full GC) each time a fetch starts: what earlier feeds left behind while later ones run. */
let peakLive = 0;
const api = startBackground({
  // Each body is made when asked for and dropped after: the network's copy is not the worker's memory.
  fetch: async (input) => {
    if (measuring) {
      gc();
      peakLive = Math.max(peakLive, heap());
    }
    const index = Number(/feed(\d+)/.exec(String(input))?.[1] ?? 0);
    // One event every four hours: all ~1,000 within the 180 days the worker keeps.
    const body = generateMeetupFeed(EVENTS_PER_FEED_BYTES, index % 7, 4 * 3_600_000);
    events = Math.max(events, body.split('BEGIN:VEVENT').length - 1);
    return new Response(body, { status: 200, headers: { 'content-type': 'text/calendar' } });
  },
  readBody: readBodyWithLimit,
  toFetchUrl,
  now: () => NOW,
  parse: parseFeed,
  // Places need the gazetteer; its memory does not grow with the feeds, and this measures what does.
  resolve: async (list) => list,
  searchCities: async () => [],
  nearestCity: async () => null,
  translate: (key) => key,
  locale: 'en',
  randomId: () => Math.random().toString(36).slice(2),
});
await api.idle();

gc();
const before = heap();
let peak = before;
measuring = true;
const sampler = setInterval(() => {
  peak = Math.max(peak, heap());
}, 2);
await api.refresher.run({ force: true });
await api.idle();
clearInterval(sampler);
peak = Math.max(peak, heap());
gc();
const after = heap();
const stored = Buffer.byteLength(JSON.stringify(await fakeBrowser.storage.local.get(null)));
api.stop();
console.log(JSON.stringify({ feeds: feedCount, eventsPerFeed: events, before, peak, peakLive, after, stored, maxRss: process.resourceUsage().maxRSS * 1024 }));
