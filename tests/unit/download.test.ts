import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rejection } from './feeds/rejection';
import { downloadFeed, fetchFeed, type FetchDeps } from '../../lib/download';
import { fakeNetwork, hangingRoute, type FakeNetwork, type Route } from './background/support';

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

const deps = (extra: Partial<FetchDeps> = {}): FetchDeps => ({ fetch: network.fetch, ...extra });
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
      { kind: 'error', message: `HTTP ${status} from calendar.example.org`, problem: { code: problem, params: { status, host: 'calendar.example.org' } } },
    ]),
    [
      'a network failure',
      () => Promise.reject(new TypeError('Failed to fetch')),
      { kind: 'error', message: 'Could not reach calendar.example.org', problem: { code: 'network', params: { host: 'calendar.example.org' } } },
    ],
    [
      'a declared body over 20 MB',
      () => new Response('x', { headers: { 'Content-Length': String(21 * 1024 * 1024) } }),
      { kind: 'error', problem: { code: 'tooLarge', params: { limitBytes: 20 * 1024 * 1024 } } },
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
      problem: { code: 'unsupportedUrl', params: {} },
    });
    expect(network.requests).toHaveLength(0);
  });

  it('times out, the body included', async () => {
    network.routes.set(URL_A, hangingRoute);
    // The default timeout, for the worker and the CLI alike.
    const pending = fetchFeed(URL_A, none, deps());
    await vi.advanceTimersByTimeAsync(19_999);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({
      kind: 'error',
      message: 'No complete answer from calendar.example.org after 20 s',
      problem: { code: 'timeout', params: { host: 'calendar.example.org', seconds: 20 } },
    });
  });

  it('says when the origin was never granted, rather than "could not reach"', async () => {
    network.routes.set(URL_A, () => Promise.reject(new TypeError('Failed to fetch')));
    const hasHostPermission = vi.fn(async () => false);
    expect(await fetchFeed(URL_A, none, deps({ hasHostPermission }))).toEqual({
      kind: 'error',
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


describe('downloadFeed (the command line)', () => {
  beforeEach(() => {
    vi.useRealTimers();
  });

  it('fetches https for webcal, with the Accept header, and returns the final URL and type', async () => {
    const seen: { url: string; accept: string | null }[] = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), accept: new Headers(init?.headers).get('accept') });
      return new Response('BEGIN:VCALENDAR', { headers: { 'content-type': 'text/calendar' } });
    };
    const feed = await downloadFeed('webcal://example.org/a.ics', { fetch: fakeFetch });
    expect(seen[0]!.url).toBe('https://example.org/a.ics');
    expect(seen[0]!.accept).toMatch(/^text\/calendar/);
    expect(feed).toEqual({ body: 'BEGIN:VCALENDAR', contentType: 'text/calendar', url: 'https://example.org/a.ics' });
  });

  it('turns an HTTP error into a short message', async () => {
    const fakeFetch: typeof fetch = async () => new Response('nope', { status: 404, statusText: 'Not Found' });
    const error = await rejection(downloadFeed('https://example.org/a.ics', { fetch: fakeFetch }));
    expect([error.code, error.message]).toEqual(['http', 'HTTP 404 Not Found from example.org']);
  });

  it('times out, also while the body is still arriving', async () => {
    const stalled: typeof fetch = async (_input, init) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('BEGIN:VCALENDAR\n'));
            init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
          },
        }),
      );
    const error = await rejection(downloadFeed('https://slow.example/a.ics', { fetch: stalled, timeoutMs: 50 }));
    expect([error.code, error.message]).toEqual(['timeout', 'No complete answer from slow.example after 0 s']);
  });

  it('reports a network failure with its cause', async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) });
    };
    const error = await rejection(downloadFeed('https://nowhere.example/a.ics', { fetch: failing }));
    expect([error.code, error.message]).toEqual(['network', 'Could not reach nowhere.example (ENOTFOUND)']);
  });
});
