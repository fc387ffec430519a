import { describe, expect, it } from 'vitest';
import groupsJson from '../../../lib/directory/groups.json';
import { bundledDirectory } from '../../../lib/directory/bundled-directory';
import type { GroupsDirectory } from '../../../lib/directory/directory-schema';
import { groupsNearby } from '../../../lib/directory/groups-nearby';
import {
  EMPTY_DIRECTORY_STATE,
  directoryInUse,
  downloadDirectory,
  isDirectoryStale,
  refreshDirectory,
  type DirectoryState,
  type FetchLike,
} from '../../../lib/directory/update-directory';
import { validateDirectory, validateGroup } from '../../../lib/directory/validate-directory';
import { feedUrlPlatform } from '../../../lib/discover/platforms';

const caen = { lat: 49.1829, lon: -0.3707 };

describe('the bundled directory', () => {
  const entries = (groupsJson as { groups: unknown[] }).groups;

  it('validates as a whole', () => {
    const result = validateDirectory(groupsJson);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it.each(entries.map((entry, i) => [(entry as { name: string }).name, entry, i] as const))(
    '%s follows the schema, its platform pattern, and names its source',
    (_name, entry, i) => {
      expect(validateGroup(entry, `groups[${i}]`)).toEqual([]);
      const group = entry as { feedUrl: string; sources: { url: string }[]; format: string; platform: string };
      // A feed of a group's own site or a calendar export follows no platform pattern: `other`.
      expect(feedUrlPlatform(group.feedUrl) ?? 'other').toBe(group.platform);
      expect(group.format).toBe('ical');
      for (const source of group.sources) expect(new URL(source.url).protocol).toBe('https:');
    },
  );

  it('holds CaenCamp, the Caen developers community, with its Meetup feed', () => {
    const near = groupsNearby(bundledDirectory(), caen, 25);
    expect(near.map((n) => n.group.name)).toEqual(['CaenCamp']);
    expect(near[0]!.group.feedUrl).toBe('https://www.meetup.com/caencamp/events/ical/');
  });
});

describe('validateDirectory refuses bad files', () => {
  const good = (): Record<string, unknown> => JSON.parse(JSON.stringify(groupsJson));
  const withGroup = (patch: Record<string, unknown>) => {
    const data = good();
    const groups = data.groups as Record<string, unknown>[];
    groups[0] = { ...groups[0], ...patch };
    return data;
  };

  it.each<[string, unknown, RegExp]>([
    ['not an object', [], /not a JSON object/],
    ['another schema version', { ...good(), schemaVersion: 3 }, /schemaVersion 3 is not supported \(expected 1 or 2\)/],
    ['no version date', { ...good(), version: 3 }, /version: an ISO date/],
    ['groups not a list', { ...good(), groups: {} }, /groups: a list/],
    ['a javascript: homepage', withGroup({ homepage: 'javascript:alert(1)' }), /homepage/],
    ['a feed that is not http(s)', withGroup({ feedUrl: 'file:///etc/passwd' }), /feedUrl/],
    ['coordinates as text', withGroup({ coordinates: { lat: '49.18', lon: -0.37 } }), /coordinates/],
    ['latitude out of range', withGroup({ coordinates: { lat: 149, lon: 0 } }), /coordinates/],
    ['a lower-case country', withGroup({ country: 'fr' }), /country/],
    ['an unknown format', withGroup({ format: 'rss' }), /format/],
    ['tags not texts', withGroup({ tags: ['ok', 3] }), /tags/],
    ['no sources', withGroup({ sources: undefined }), /sources/],
    ['an empty name', withGroup({ name: '  ' }), /name/],
    [
      'a feed listed twice',
      (() => {
        const data = good();
        const groups = data.groups as unknown[];
        groups.push(groups[0]);
        return data;
      })(),
      /listed twice/,
    ],
    [
      'a Meetup feed listed twice in other letter case',
      (() => {
        const data = good();
        const groups = data.groups as Array<Record<string, unknown>>;
        const meetup = groups.find((group) => String(group.feedUrl).startsWith('https://www.meetup.com/'))!;
        groups.push({ ...meetup, feedUrl: String(meetup.feedUrl).replace(/(?<=meetup\.com\/)[^/]+/, (slug) => slug.toUpperCase()) });
        return data;
      })(),
      /listed twice/,
    ],
  ])('%s', (_label, data, message) => {
    const result = validateDirectory(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(message);
  });

  it('drops unknown fields of a valid file', () => {
    const result = validateDirectory(withGroup({ tracking: 'x', name: ' CaenCamp ' }));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.directory.groups[0]).not.toHaveProperty('tracking');
      expect(result.directory.groups[0]!.name).toBe('CaenCamp');
    }
  });
});

describe('validateDirectory reads version 1 and version 2 files', () => {
  const v1Group = {
    name: 'CaenCamp',
    city: 'Caen',
    country: 'FR',
    coordinates: { lat: 49.1829, lon: -0.3707 },
    feedUrl: 'https://www.meetup.com/caencamp/events/ical/',
    format: 'ical',
    homepage: 'https://www.caen.camp',
    tags: ['web'],
    source: 'https://github.com/CaenCamp/new-website/blob/0df7165/src/components/Footer.js',
  };
  const { source: _source, ...common } = v1Group;
  const v2Group = {
    ...common,
    platform: 'meetup',
    sources: [{ name: 'R-Ladies', url: 'https://github.com/rladies/rladies.github.io', licence: 'CC-BY-4.0' }],
  };

  it('reads a version 1 entry into the version 2 shape: platform from the feed URL, its source without licence', () => {
    const result = validateDirectory({ schemaVersion: 1, version: '2026-11-21', groups: [v1Group] });
    expect(result.ok ? result.directory : result.errors).toEqual({
      schemaVersion: 2,
      version: '2026-11-21',
      groups: [{ ...common, platform: 'meetup', sources: [{ name: 'github.com', url: v1Group.source, licence: null }] }],
    });
  });

  it('reads a version 2 entry as it is', () => {
    const result = validateDirectory({ schemaVersion: 2, version: '2026-11-21', groups: [v2Group] });
    expect(result.ok ? result.directory.groups : result.errors).toEqual([v2Group]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown platform', { ...v2Group, platform: 'facebook' }, /platform: one of meetup, luma, gancio, mobilizon, other/],
    ['no sources', { ...v2Group, sources: [] }, /sources: a list of 1 to/],
    ['a source without URL', { ...v2Group, sources: [{ name: 'X', url: 'ftp://x', licence: null }] }, /sources\[0\]\.url/],
    ['a licence that is not text', { ...v2Group, sources: [{ name: 'X', url: 'https://x.org', licence: 4 }] }, /sources\[0\]\.licence/],
    ['a version 1 source field in a version 2 file', common, /sources/],
  ])('refuses %s', (_label, group, message) => {
    const result = validateDirectory({ schemaVersion: 2, version: '2026-11-21', groups: [group] });
    expect(result.ok ? '' : result.errors.join('\n')).toMatch(message);
  });
});

describe('groupsNearby', () => {
  const directory = bundledDirectory();

  it.each<[string, { lat: number; lon: number } | null, number, string[]]>([
    ['Caen, 25 km', caen, 25, ['CaenCamp']],
    ['Bayeux (27 km from Caen), 25 km', { lat: 49.2765, lon: -0.7025 }, 25, []],
    ['Bayeux, 50 km', { lat: 49.2765, lon: -0.7025 }, 50, ['CaenCamp']],
    ['Caen, 210 km: nearest first, names breaking ties', caen, 210, ['CaenCamp', 'Brighton KUG', 'R-Ladies Paris', 'React Paris', 'Paris KUG']],
    ['Torino, 25 km', { lat: 45.0703, lon: 7.6869 }, 25, ['gancio.cisti.org']],
    ['no city', null, 100, []],
    ['negative radius', caen, -1, []],
  ])('%s', (_label, city, radius, names) => {
    expect(groupsNearby(directory, city, radius).map((n) => n.group.name)).toEqual(names);
  });

  it('gives distances in km', () => {
    const nantes = groupsNearby(directory, caen, 300).find((near) => near.group.name === 'Nantes Python Meetup');
    expect(nantes!.distanceKm).toBeGreaterThan(220);
    expect(nantes!.distanceKm).toBeLessThan(250);
  });
});

describe('the directory updater (fake fetch)', () => {
  const url = 'https://directory.example/groups.json';
  const now = Date.parse('2026-11-21T10:00:00Z');
  const bundled = bundledDirectory();
  const newer: GroupsDirectory = {
    schemaVersion: 2,
    version: '2026-12-01',
    groups: [{ ...bundled.groups.find((g) => g.name === 'CaenCamp')!, name: 'CaenCamp (updated)' }],
  };

  const fakeFetch = (status: number, body: string): FetchLike & { calls: string[] } => {
    const calls: string[] = [];
    const fn = (async (input: string) => {
      calls.push(input);
      return { ok: status >= 200 && status < 300, status, text: async () => body };
    }) as FetchLike & { calls: string[] };
    fn.calls = calls;
    return fn;
  };
  const failingFetch: FetchLike = async () => {
    throw new TypeError('Failed to fetch');
  };

  it('uses a good file', async () => {
    const fetch = fakeFetch(200, JSON.stringify(newer));
    const state = await refreshDirectory(EMPTY_DIRECTORY_STATE, url, { fetch, now });
    expect(fetch.calls).toEqual([url]);
    expect(state.error).toBeNull();
    expect(state.lastSuccess).toBe('2026-11-21T10:00:00.000Z');
    const inUse = directoryInUse(state, url, bundled);
    expect(inUse.source).toBe('downloaded');
    expect(inUse.directory.groups[0]!.name).toBe('CaenCamp (updated)');
  });

  it.each<[string, FetchLike, RegExp]>([
    ['bad JSON', fakeFetch(200, '{"schemaVersion": 1, "groups": ['), /not valid JSON/],
    ['wrong schema', fakeFetch(200, JSON.stringify({ schemaVersion: 1, version: '2026-12-01', groups: [{ name: 'X' }] })), /does not follow the schema: groups\[0\] \(X\)\.city/],
    ['HTTP error', fakeFetch(404, 'Not found'), /HTTP 404/],
    ['network error', failingFetch, /network error/],
  ])('keeps the bundled directory on %s', async (_label, fetch, message) => {
    const state = await refreshDirectory(EMPTY_DIRECTORY_STATE, url, { fetch, now });
    expect(state.error).toMatch(message);
    const inUse = directoryInUse(state, url, bundled);
    expect(inUse.source).toBe('bundled');
    expect(inUse.directory).toEqual(bundled);
    expect(inUse.error).toMatch(message);
  });

  it('keeps the last good download of the same URL when a later one is bad', async () => {
    const good = await refreshDirectory(EMPTY_DIRECTORY_STATE, url, { fetch: fakeFetch(200, JSON.stringify(newer)), now });
    const bad = await refreshDirectory(good, url, { fetch: fakeFetch(500, ''), now: now + 86_400_000 });
    expect(bad.error).toMatch(/HTTP 500/);
    expect(directoryInUse(bad, url, bundled).directory.version).toBe('2026-12-01');
    // …but not once the user points the setting at another URL.
    expect(directoryInUse(bad, 'https://other.example/d.json', bundled).source).toBe('bundled');
  });

  describe('conditional downloads and versions', () => {
    type Call = { url: string; headers: Record<string, string> };
    const serving = (answers: Array<{ status: number; body?: string; headers?: Record<string, string> }>) => {
      const calls: Call[] = [];
      const fetch: FetchLike = async (input, init) => {
        calls.push({ url: input, headers: init?.headers ?? {} });
        const answer = answers.shift()!;
        const headers = new Map(Object.entries(answer.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
        return {
          ok: answer.status >= 200 && answer.status < 300,
          status: answer.status,
          headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
          text: async () => answer.body ?? '',
        };
      };
      return { fetch, calls };
    };
    const etag = '"v-2026-12-01"';
    const lastModified = 'Tue, 01 Dec 2026 08:00:00 GMT';

    it('sends the validators of the download it holds, and a 304 keeps that download', async () => {
      const { fetch, calls } = serving([
        { status: 200, body: JSON.stringify(newer), headers: { ETag: etag, 'Last-Modified': lastModified } },
        { status: 304 },
      ]);
      const first = await refreshDirectory(EMPTY_DIRECTORY_STATE, url, { fetch, now });
      expect(first).toMatchObject({ etag, lastModified, error: null });
      expect(calls[0]!.headers).not.toHaveProperty('If-None-Match');
      const second = await refreshDirectory(first, url, { fetch, now: now + 86_400_000 });
      expect(calls[1]!.headers).toMatchObject({ 'If-None-Match': etag, 'If-Modified-Since': lastModified });
      expect(second.downloaded).toEqual(first.downloaded);
      expect(second).toMatchObject({ error: null, lastSuccess: '2026-11-22T10:00:00.000Z', etag });
      expect(directoryInUse(second, url, bundled).source).toBe('downloaded');
    });

    it('sends no validators for another URL, and treats a 304 without a held download as a failure', async () => {
      const { fetch, calls } = serving([
        { status: 200, body: JSON.stringify(newer), headers: { ETag: etag } },
        { status: 304 },
      ]);
      const first = await refreshDirectory(EMPTY_DIRECTORY_STATE, url, { fetch, now });
      const other = 'https://other.example/groups.json';
      const second = await refreshDirectory(first, other, { fetch, now });
      expect(calls[1]!.headers).not.toHaveProperty('If-None-Match');
      expect(second.error).toMatch(/not modified/);
      expect(directoryInUse(second, other, bundled).source).toBe('bundled');
    });

    it('refuses a download older than the bundled directory, keeping what was in use', async () => {
      const older = { ...newer, version: '2026-01-01' };
      const { fetch } = serving([{ status: 200, body: JSON.stringify(older) }]);
      const state = await refreshDirectory(EMPTY_DIRECTORY_STATE, url, { fetch, now, bundledVersion: bundled.version });
      expect(state.error).toMatch(/older than the bundled one/);
      expect(directoryInUse(state, url, bundled).source).toBe('bundled');
    });

    it('ignores a stored download older than the bundled directory (the extension was updated since)', () => {
      const stored: DirectoryState = { ...EMPTY_DIRECTORY_STATE, downloaded: { ...newer, version: '2026-01-01' }, downloadedFrom: url, attemptedUrl: url };
      expect(directoryInUse(stored, url, bundled).source).toBe('bundled');
      expect(directoryInUse({ ...stored, downloaded: newer }, url, bundled).source).toBe('downloaded');
    });
  });

  it('refuses a URL that is not http(s) without fetching', async () => {
    const fetch = fakeFetch(200, JSON.stringify(newer));
    expect(await downloadDirectory('file:///tmp/groups.json', fetch)).toEqual({ ok: false, error: expect.stringMatching(/https/) });
    expect(fetch.calls).toEqual([]);
  });

  it('times out a download that never answers', async () => {
    const hanging: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    expect(await downloadDirectory(url, hanging, 10)).toEqual({ ok: false, error: expect.stringMatching(/timed out/) });
  });

  it('uses only the bundled directory when no URL is set', async () => {
    const state = await refreshDirectory(EMPTY_DIRECTORY_STATE, null, { fetch: failingFetch, now });
    expect(directoryInUse(state, null, bundled)).toEqual({ directory: bundled, source: 'bundled', error: null });
  });

  it.each<[string, DirectoryState, string | null, number, boolean]>([
    ['no URL', EMPTY_DIRECTORY_STATE, null, now, false],
    ['never tried', EMPTY_DIRECTORY_STATE, url, now, true],
    ['tried an hour ago', { ...EMPTY_DIRECTORY_STATE, attemptedUrl: url, lastAttempt: '2026-11-21T09:00:00Z' }, url, now, false],
    ['tried yesterday', { ...EMPTY_DIRECTORY_STATE, attemptedUrl: url, lastAttempt: '2026-11-20T09:00:00Z' }, url, now, true],
    ['URL changed', { ...EMPTY_DIRECTORY_STATE, attemptedUrl: 'https://old.example/', lastAttempt: '2026-11-21T09:59:00Z' }, url, now, true],
  ])('isDirectoryStale: %s', (_label, state, configured, at, stale) => {
    expect(isDirectoryStale(state, configured, at)).toBe(stale);
  });
});
