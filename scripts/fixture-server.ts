/**
 * A local HTTP server for the bundled sample feeds (tests/fixtures/sample-feeds), used by the demo and the
 * browser tests. Bodies are rendered at request time so events are always relative to today. It answers like a
 * well-behaved feed host (ETag + If-None-Match → 304, Last-Modified + If-Modified-Since → 304) and can be told
 * to misbehave per feed (500, hang, garbage body) or to publish one more event ("changed").
 *
 *   import { startFixtureServer } from '../../scripts/fixture-server';
 *   const server = await startFixtureServer();            // 127.0.0.1, random free port
 *   server.url('caen-js'); server.setFault('caen-js', 'error500'); server.stats('caen-js').notModified;
 *
 * Run alone: `npx tsx scripts/fixture-server.ts [--port 8080]` serves until Ctrl-C and lists the feed URLs.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderTemplate } from '../tests/fixtures/sample-feeds/render-template';
import { SAMPLE_FEEDS, SAMPLE_FEEDS_DIR, type SampleFeed } from '../tests/fixtures/sample-feeds/sample-feeds';

export type FeedFault = 'none' | 'error500' | 'hang' | 'garbage' | 'notfound';

export interface FeedStats {
  requests: number;
  /** 200 answers with a feed body. */
  ok: number;
  notModified: number;
  /** Requests that carried If-None-Match or If-Modified-Since. */
  conditional: number;
  faulted: number;
}

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /**
   * A groups directory (schema version 2) whose feeds are this server's sample feeds, for the "Directory address"
   * setting: groups in and around Caen, and one in Berlin. Its `version` is today, so it is never older than the
   * bundled directory.
   */
  directoryUrl: string;
  directoryStats(): { requests: number };
  /** URL of a sample feed; `copy` gives the n-th independent copy (its own key `<key>@<n>`, own counters). */
  url(key: string, copy?: number): string;
  /**
   * A generated JSON-LD feed of `count` events in and around Caen over the next ~6 months (for load
   * measurements); its key is `generated:<count>:<seed>`.
   */
  generatedUrl(count: number, seed: number): string;
  setFault(key: string, fault: FeedFault): void;
  /** "changed": the feed publishes one more event (its `{{#changed}}` block). */
  setChanged(key: string, changed: boolean): void;
  /** false: no ETag/Last-Modified and never 304, so every fetch is a full 200 (a host with no validators). */
  setConditional(key: string, enabled: boolean): void;
  stats(key: string): FeedStats;
  /** Sum over every key (copies included). */
  totals(): FeedStats;
  resetStats(): void;
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  port?: number;
  /** Clock for rendering; default Date.now. */
  now?: () => number;
  /** Logs one line per request. */
  log?: (line: string) => void;
}

interface FeedRuntime {
  fault: FeedFault;
  changed: boolean;
  conditional: boolean;
  sequence: number;
  /** Validators of the last body served, and since when that body is current. */
  etag: string | null;
  lastModifiedMs: number;
  stats: FeedStats;
}

const emptyStats = (): FeedStats => ({ requests: 0, ok: 0, notModified: 0, conditional: 0, faulted: 0 });

/** Binary noise: what a broken proxy or a truncated download looks like. Deterministic so reruns match. */
function garbageBody(): Buffer {
  const bytes = Buffer.alloc(2048);
  let seed = 0x2545f491;
  for (let i = 0; i < bytes.length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    bytes[i] = seed & 0xff;
  }
  return Buffer.concat([Buffer.from('\u0089PNG\r\n\u001a\n', 'latin1'), bytes]);
}

const VENUES = [
  { name: 'Le Dôme', locality: 'Caen', postalCode: '14000', lat: 49.1868, lon: -0.3586 },
  { name: 'Bibliothèque Alexis de Tocqueville', locality: 'Caen', postalCode: '14000', lat: 49.1777, lon: -0.3497 },
  { name: 'Le Forum', locality: 'Hérouville-Saint-Clair', postalCode: '14200', lat: 49.2043, lon: -0.3255 },
  { name: 'Le WIP', locality: 'Colombelles', postalCode: '14460', lat: 49.1937, lon: -0.3021 },
];
const TOPICS = ['JavaScript', 'Python', 'Rust', 'Accessibilité', 'DevOps', 'Data', 'Design', 'Sécurité', 'Go', 'Kotlin'];

/** A JSON-LD template of `count` events spread over the next 170 days (placeholders, so it follows today). */
function generatedTemplate(count: number, seed: number): string {
  const events = Array.from({ length: count }, (_, i) => {
    const venue = VENUES[(i + seed) % VENUES.length]!;
    const day = 1 + ((i * 7 + seed) % 170);
    const hour = 17 + ((i + seed) % 4);
    return `{"@context":"https://schema.org","@type":"Event","@id":"https://generated.example/${seed}/${i}",
"name":"${TOPICS[i % TOPICS.length]} meetup #${seed}-${i}","description":"Soirée ${TOPICS[i % TOPICS.length]} n°${i} : talks, démos et discussions.",
"url":"https://generated.example/${seed}/events/${i}","startDate":"{{iso day+${day} ${hour}:00}}","endDate":"{{iso day+${day} ${hour + 2}:30}}",
"eventStatus":"https://schema.org/EventScheduled","eventAttendanceMode":"https://schema.org/OfflineEventAttendanceMode",
"location":{"@type":"Place","name":"${venue.name}","address":{"@type":"PostalAddress","postalCode":"${venue.postalCode}","addressLocality":"${venue.locality}","addressCountry":"FR"},
"geo":{"@type":"GeoCoordinates","latitude":${venue.lat},"longitude":${venue.lon}}}}`;
  });
  return `[${events.join(',\n')}]`;
}

/** Where each directory group meets; the feeds are the sample feeds of the same key. */
const DIRECTORY_GROUPS = [
  { key: 'rladies-caen', name: 'R-Ladies Caen', city: 'Caen', country: 'FR', lat: 49.1829, lon: -0.3707, platform: 'meetup', format: 'ical', tags: ['r', 'data-science'] },
  { key: 'caen-js', name: 'Caen.js', city: 'Caen', country: 'FR', lat: 49.1868, lon: -0.3586, platform: 'meetup', format: 'ical', tags: ['javascript', 'web'] },
  { key: 'python-herouville', name: 'Python Normandie', city: 'Hérouville-Saint-Clair', country: 'FR', lat: 49.2044, lon: -0.3253, platform: 'gancio', format: 'json', tags: ['python'] },
  { key: 'berlin-tech', name: 'Berlin Tech Community', city: 'Berlin', country: 'DE', lat: 52.5244, lon: 13.4105, platform: 'other', format: 'html', tags: ['community'] },
] as const;

function fixtureDirectory(origin: string, version: string): unknown {
  return {
    schemaVersion: 2,
    version,
    groups: DIRECTORY_GROUPS.map((group) => {
      const feed = SAMPLE_FEEDS.find((f) => f.key === group.key)!;
      return {
        name: group.name,
        city: group.city,
        country: group.country,
        coordinates: { lat: group.lat, lon: group.lon },
        feedUrl: `${origin}${feed.path}`,
        format: group.format,
        platform: group.platform,
        homepage: null,
        tags: [...group.tags],
        sources: [{ name: 'Local Meetups test fixtures', url: `${origin}/`, licence: 'CC-BY-4.0' }],
      };
    }),
  };
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const now = options.now ?? Date.now;
  const templates = new Map<string, string>();
  const templateOf = (feed: SampleFeed) => {
    let template = templates.get(feed.file);
    if (template === undefined) {
      const bulk = /^generated\/(\d+)\/(\d+)$/.exec(feed.file);
      template = bulk
        ? generatedTemplate(Number(bulk[1]), Number(bulk[2]))
        : readFileSync(join(SAMPLE_FEEDS_DIR, feed.file), 'utf8');
      templates.set(feed.file, template);
    }
    return template;
  };
  const runtimes = new Map<string, FeedRuntime>();
  const runtime = (key: string): FeedRuntime => {
    let state = runtimes.get(key);
    if (!state) {
      state = { fault: 'none', changed: false, conditional: true, sequence: 0, etag: null, lastModifiedMs: 0, stats: emptyStats() };
      runtimes.set(key, state);
    }
    return state;
  };
  const byPath = new Map(SAMPLE_FEEDS.map((feed) => [new URL(feed.path, 'http://x').pathname, feed]));

  const generated = (count: number, seed: number): SampleFeed => ({
    key: `generated:${count}:${seed}`,
    file: `generated/${count}/${seed}`,
    path: `/generated/${count}/${seed}.jsonld`,
    name: `Generated feed ${seed} (${count} events)`,
    contentType: 'application/ld+json; charset=utf-8',
    demo: false,
    home: null,
  });

  const route = (pathname: string): { feed: SampleFeed; key: string } | null => {
    const bulk = /^\/generated\/(\d+)\/(\d+)\.jsonld$/.exec(pathname);
    if (bulk) {
      const feed = generated(Number(bulk[1]), Number(bulk[2]));
      return { feed, key: feed.key };
    }
    const copy = /^\/copy\/(\d+)(\/.*)$/.exec(pathname);
    const feed = byPath.get(copy ? copy[2]! : pathname);
    if (!feed) return null;
    return { feed, key: copy ? `${feed.key}@${copy[1]}` : feed.key };
  };

  const hanging = new Set<ServerResponse>();
  let directoryRequests = 0;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>Sample feeds</title><ul>${SAMPLE_FEEDS.map(
          (f) => `<li><a href="${f.path}">${f.name}</a> (${f.file})</li>`,
        ).join('')}</ul>`,
      );
      return;
    }
    if (url.pathname === '/directory/groups.json') {
      directoryRequests++;
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(JSON.stringify(fixtureDirectory(origin, new Date(now()).toISOString().slice(0, 10))));
      return;
    }
    const match = route(url.pathname);
    if (!match) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    const { feed, key } = match;
    const state = runtime(key);
    state.stats.requests++;
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    if (ifNoneMatch || ifModifiedSince) state.stats.conditional++;
    options.log?.(`${req.method} ${url.pathname}${url.search} ${ifNoneMatch ? `If-None-Match: ${ifNoneMatch}` : ''}`);

    switch (state.fault) {
      case 'error500':
        state.stats.faulted++;
        res.writeHead(500, { 'content-type': 'text/html' });
        res.end('<h1>500 Internal Server Error</h1>');
        return;
      case 'notfound':
        state.stats.faulted++;
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<h1>404 Not Found</h1>');
        return;
      case 'hang':
        // Never answer: the client's timeout must fire. close() ends these.
        state.stats.faulted++;
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      case 'garbage':
        state.stats.faulted++;
        res.writeHead(200, { 'content-type': feed.contentType });
        res.end(garbageBody());
        return;
      case 'none':
        break;
    }

    const clock = now();
    const template = templateOf(feed);
    // The validators follow the content, not the volatile parts (Luma's DTSTAMP/SEQUENCE change every time).
    const stable = renderTemplate(template, { now: clock, changed: state.changed, stable: true });
    const etag = `"${createHash('sha1').update(stable).digest('hex').slice(0, 20)}"`;
    if (etag !== state.etag) {
      state.etag = etag;
      state.lastModifiedMs = Math.floor(clock / 1000) * 1000;
    }
    const headers: Record<string, string> = state.conditional
      ? { etag, 'last-modified': new Date(state.lastModifiedMs).toUTCString(), 'cache-control': 'no-cache' }
      : { 'cache-control': 'no-store' };
    const etagMatches =
      state.conditional &&
      typeof ifNoneMatch === 'string' &&
      ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
    const notModifiedSince =
      state.conditional &&
      !ifNoneMatch && typeof ifModifiedSince === 'string' && Date.parse(ifModifiedSince) >= state.lastModifiedMs;
    if (etagMatches || notModifiedSince) {
      state.stats.notModified++;
      res.writeHead(304, headers);
      res.end();
      return;
    }
    state.sequence++;
    let body = renderTemplate(template, { now: clock, changed: state.changed, sequence: state.sequence });
    if (feed.contentType.startsWith('text/calendar')) body = body.replace(/\r?\n/g, '\r\n');
    state.stats.ok++;
    res.writeHead(200, { ...headers, 'content-type': feed.contentType });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fixture server error: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const feedByKey = (key: string) => {
    const base = key.split('@')[0]!;
    const feed = SAMPLE_FEEDS.find((f) => f.key === base);
    if (!feed) throw new Error(`no sample feed "${key}"`);
    return feed;
  };

  return {
    origin,
    port,
    directoryUrl: `${origin}/directory/groups.json`,
    directoryStats: () => ({ requests: directoryRequests }),
    generatedUrl(count, seed) {
      return `${origin}/generated/${count}/${seed}.jsonld`;
    },
    url(key, copy) {
      const feed = feedByKey(key);
      return `${origin}${copy === undefined ? '' : `/copy/${copy}`}${feed.path}`;
    },
    setFault(key, fault) {
      feedByKey(key);
      runtime(key).fault = fault;
      if (fault !== 'hang') for (const res of hanging) res.destroy();
    },
    setChanged(key, changed) {
      feedByKey(key);
      runtime(key).changed = changed;
    },
    setConditional(key, enabled) {
      feedByKey(key);
      runtime(key).conditional = enabled;
    },
    stats(key) {
      return { ...runtime(key).stats };
    },
    totals() {
      const total = emptyStats();
      for (const { stats } of runtimes.values()) {
        for (const field of Object.keys(total) as (keyof FeedStats)[]) total[field] += stats[field];
      }
      return total;
    },
    resetStats() {
      for (const state of runtimes.values()) state.stats = emptyStats();
    },
    close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;
  const server = await startFixtureServer({ port, log: (line) => console.log(line) });
  console.log(`Sample feeds on ${server.origin} (Ctrl-C to stop):`);
  for (const feed of SAMPLE_FEEDS) console.log(`  ${feed.name.padEnd(32)} ${server.url(feed.key)}`);
}
