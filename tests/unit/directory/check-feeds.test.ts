import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryGroup } from '../../../lib/directory/directory-schema';
import { checkFeeds, countEvents, formatChecks, type CheckCache } from '../../../scripts/directory/check-feeds';

const CALENDAR = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', 'UID:1', 'SUMMARY:Talk', 'DTSTART:20261201T180000Z', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
const EMPTY = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'X-WR-CALNAME:Quiet group', 'END:VCALENDAR', ''].join('\r\n');

let server: Server;
let base = '';
const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', headers: request.headers });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      const path = request.url ?? '';
      if (path === '/gone.ics') return void response.writeHead(410).end();
      if (path === '/missing.ics') return void response.writeHead(404).end();
      if (path === '/broken.ics') return void response.writeHead(500).end();
      if (path === '/empty.ics') return void response.writeHead(200, { 'Content-Type': 'text/calendar' }).end(EMPTY);
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { 'Content-Type': 'text/calendar', ETag: '"v1"', 'Last-Modified': 'Tue, 01 Dec 2026 08:00:00 GMT' }).end(CALENDAR);
    }, 20);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const group = (name: string, path: string): DirectoryGroup => ({
  name,
  city: 'Caen',
  country: 'FR',
  coordinates: { lat: 49.18, lon: -0.37 },
  feedUrl: `${base}${path}`,
  format: 'ical',
  platform: 'other',
  homepage: null,
  tags: [],
  sources: [{ name: 'test', url: 'https://example.org/', licence: null }],
});

const nodeFetch = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => fetch(url, init);

describe('checking the directory feeds (local server)', () => {
  it('tells live, empty, dead and failing feeds apart, four at a time, then asks conditionally', async () => {
    const groups = [
      group('Live', '/live.ics'),
      group('Quiet', '/empty.ics'),
      group('Gone', '/gone.ics'),
      group('Missing', '/missing.ics'),
      group('Broken', '/broken.ics'),
      ...Array.from({ length: 5 }, (_, i) => group(`Live ${i}`, `/live-${i}.ics`)),
    ];
    const cache: CheckCache = {};
    const first = await checkFeeds(groups, { fetch: nodeFetch, cache });
    expect(first.map((c) => [c.name, c.health, c.status, c.events])).toEqual([
      ['Live', 'ok', 200, 1],
      ['Quiet', 'empty', 200, 0],
      ['Gone', 'dead', 410, 0],
      ['Missing', 'dead', 404, 0],
      ['Broken', 'error', 500, 0],
      ...Array.from({ length: 5 }, (_, i) => [`Live ${i}`, 'ok', 200, 1]),
    ]);
    expect(maxInFlight).toBe(4);
    expect(cache[`${base}/live.ics`]).toEqual({ etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 08:00:00 GMT', health: 'ok', events: 1 });

    seen.length = 0;
    const second = await checkFeeds([groups[0]!], { fetch: nodeFetch, cache });
    expect(seen[0]!.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Tue, 01 Dec 2026 08:00:00 GMT' });
    expect(second[0]).toMatchObject({ health: 'ok', status: 304, events: 1, notModified: true });

    const report = formatChecks(first);
    expect(report).toMatch(/^10 feeds: 6 with events, 1 empty, 2 dead, 1 unreachable/);
    expect(report).toContain(`Gone  ${base}/gone.ics  HTTP 410`);
    expect(report).toContain(`Quiet  ${base}/empty.ics`);
  });

  it('reports a feed that does not answer in time', async () => {
    const hanging = (_url: string, init: { signal: AbortSignal }) =>
      new Promise<never>((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    const [check] = await checkFeeds([group('Slow', '/slow.ics')], { fetch: hanging, cache: {}, timeoutMs: 10 });
    expect(check).toMatchObject({ health: 'error', error: 'timed out' });
  });

  it.each([
    [CALENDAR, 1],
    [EMPTY, 0],
    ['BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR', 2],
    ['<html>Not found</html>', 0],
  ])('countEvents %#', (body, count) => {
    expect(countEvents(body)).toBe(count);
  });
});
