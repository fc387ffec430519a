import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchFeed, type FetchDeps } from '../../../lib/background/fetch-feed';
import { readBodyWithLimit, toFetchUrl } from '../../../lib/feeds/index';
import { fakeNetwork, hangingRoute, type FakeNetwork, type Route } from './support';

const URL_A = 'https://calendar.example.org/feed.ics';
const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
let network: FakeNetwork;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  network = fakeNetwork();
});
afterEach(() => {
  vi.useRealTimers();
});

const deps = (extra: Partial<FetchDeps> = {}): FetchDeps => ({ fetch: network.fetch, readBody: readBodyWithLimit, toFetchUrl, ...extra });
const none = { etag: null, lastModified: null };

describe('fetchFeed', () => {
  it.each<[string, Route, unknown]>([
    [
      '200 with validators',
      () => new Response(ICS, { headers: { ETag: 'W/"v1"', 'Last-Modified': 'Mon, 23 Nov 2026 10:00:00 GMT', 'Content-Type': 'text/calendar' } }),
      { kind: 'body', body: ICS, contentType: 'text/calendar', validators: { etag: 'W/"v1"', lastModified: 'Mon, 23 Nov 2026 10:00:00 GMT' } },
    ],
    ['200 without validators', () => new Response(ICS), { kind: 'body', validators: { etag: null, lastModified: null } }],
    ['304', () => new Response(null, { status: 304 }), { kind: 'unchanged' }],
    ...(
      [
        [500, 'httpServer'],
        [503, 'httpServer'],
        [404, 'httpNotFound'],
        [410, 'httpNotFound'],
        [401, 'httpDenied'],
        [403, 'httpDenied'],
        [429, 'httpOther'],
        [400, 'httpOther'],
      ] as const
    ).map(([status, problem]): [string, Route, unknown] => [
      String(status),
      () => new Response('no', { status }),
      { kind: 'error', code: 'http', message: `Server answered ${status}`, problem: { code: problem, params: { status, host: 'calendar.example.org' } } },
    ]),
    [
      'a network failure',
      () => Promise.reject(new TypeError('Failed to fetch')),
      { kind: 'error', code: 'network', message: 'Could not reach calendar.example.org', problem: { code: 'network', params: { host: 'calendar.example.org' } } },
    ],
    [
      'a declared body over 5 MB',
      () => new Response('x', { headers: { 'Content-Length': String(6 * 1024 * 1024) } }),
      { kind: 'error', code: 'too-large', problem: { code: 'tooLarge', params: { limitBytes: 5 * 1024 * 1024 } } },
    ],
  ])('%s', async (_, route, expected) => {
    network.routes.set(URL_A, route);
    expect(await fetchFeed(URL_A, none, deps())).toMatchObject(expected as object);
  });

  it('sends the validators it has, and keeps them on a 304 without new ones', async () => {
    network.routes.set(URL_A, () => new Response(null, { status: 304 }));
    const validators = { etag: '"abc"', lastModified: 'Mon, 23 Nov 2026 10:00:00 GMT' };
    expect(await fetchFeed(URL_A, validators, deps())).toEqual({ kind: 'unchanged', validators });
    const headers = network.requests[0]!.headers;
    expect(headers.get('If-None-Match')).toBe('"abc"');
    expect(headers.get('If-Modified-Since')).toBe('Mon, 23 Nov 2026 10:00:00 GMT');
    expect(headers.get('Accept')).toMatch(/^text\/calendar/);
  });

  it('reads webcal:// over https', async () => {
    network.routes.set(URL_A, () => new Response(ICS));
    await fetchFeed('webcal://calendar.example.org/feed.ics', none, deps());
    expect(network.requests[0]?.url).toBe(URL_A);
  });

  it('refuses other schemes without a request', async () => {
    expect(await fetchFeed('ftp://calendar.example.org/feed.ics', none, deps())).toMatchObject({
      kind: 'error',
      code: 'unsupported-url',
      problem: { code: 'unsupportedUrl', params: {} },
    });
    expect(network.requests).toHaveLength(0);
  });

  it('times out, the body included', async () => {
    network.routes.set(URL_A, hangingRoute);
    const pending = fetchFeed(URL_A, none, deps({ timeoutMs: 20_000 }));
    await vi.advanceTimersByTimeAsync(19_999);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({
      kind: 'error',
      code: 'timeout',
      message: 'Timed out after 20 s',
      problem: { code: 'timeout', params: { host: 'calendar.example.org', seconds: 20 } },
    });
  });

  it('says when the origin was never granted, rather than "could not reach"', async () => {
    network.routes.set(URL_A, () => Promise.reject(new TypeError('Failed to fetch')));
    const hasHostPermission = vi.fn(async () => false);
    expect(await fetchFeed(URL_A, none, deps({ hasHostPermission }))).toEqual({
      kind: 'error',
      code: 'permission',
      message: 'No permission to read calendar.example.org yet',
      problem: { code: 'permission', params: { host: 'calendar.example.org' } },
    });
    expect(hasHostPermission).toHaveBeenCalledWith(URL_A);
  });

  it('still reads a server that allows CORS before the permission is granted (the options page preview)', async () => {
    network.routes.set(URL_A, () => new Response(ICS));
    expect(await fetchFeed(URL_A, none, deps({ hasHostPermission: async () => false }))).toMatchObject({ kind: 'body' });
  });
});
