import { describe, expect, it, vi } from 'vitest';
import { createSitePermissions, sitePattern, sitePatterns, type PermissionsApi } from '../../lib/permissions';

describe('sitePattern', () => {
  it.each([
    ['http://127.0.0.1:8765/feed.ics', 'http://127.0.0.1/*'],
    ['http://127.0.0.1:8765', 'http://127.0.0.1/*'],
    ['http://127.0.0.1:8765/*', 'http://127.0.0.1/*'],
    ['https://www.meetup.com/caen-js/events/ical/', 'https://www.meetup.com/*'],
    ['https://agenda.example.org:8443/api/events?x=1#y', 'https://agenda.example.org/*'],
    ['webcal://calendar.example.org/team.ics', 'https://calendar.example.org/*'],
    ['WEBCALS://calendar.example.org:444/team.ics', 'https://calendar.example.org/*'],
    ['  http://[::1]:3000/a.ics ', 'http://[::1]/*'],
    ['http://*/*', 'http://*/*'],
    ['https://*/*', 'https://*/*'],
    ['ftp://files.example.org/a.ics', null],
    ['javascript:alert(1)', null],
    ['moz-extension://11111111-2222-4333-8444-555555555555/options.html', null],
    ['not a url', null],
  ])('%s → %s', (site, pattern) => {
    expect(sitePattern(site)).toBe(pattern);
  });

  it('merges the sites of one host, whatever their ports, and drops what is no site', () => {
    expect(sitePatterns(['http://127.0.0.1:8765/a.ics', 'http://127.0.0.1:9000/b.ics', 'ftp://x.org/', 'https://a.org/'])).toEqual([
      'http://127.0.0.1/*',
      'https://a.org/*',
    ]);
  });
});

/**
 * Firefox's rule: a granted pattern covers a requested one only when they are the same origin pattern, and a
 * pattern with a port is an origin of its own (`http://127.0.0.1:8765/*` is not inside `http://127.0.0.1/*`).
 * Each request for something not held is a prompt, answered `answer`.
 */
function firefoxLike(answer = true) {
  const held = new Set<string>();
  const prompts: string[][] = [];
  const api: PermissionsApi = {
    request: vi.fn(async ({ origins }: { origins: string[] }) => {
      const missing = origins.filter((origin) => !held.has(origin));
      if (missing.length === 0) return true;
      prompts.push(missing);
      if (answer) missing.forEach((origin) => held.add(origin));
      return answer;
    }),
    contains: vi.fn(async ({ origins }: { origins: string[] }) => origins.every((origin) => held.has(origin))),
    remove: vi.fn(async ({ origins }: { origins: string[] }) => {
      const had = origins.some((origin) => held.has(origin));
      origins.forEach((origin) => held.delete(origin));
      return had;
    }),
  };
  return { api, held, prompts };
}

describe('createSitePermissions', () => {
  it('asks once for a feed on a non-default port: Test and Add ask for the same port-less pattern', async () => {
    const { api, held, prompts } = firefoxLike();
    const sites = createSitePermissions(() => api);
    expect(await sites.request(['http://127.0.0.1:8765/feed.ics'])).toBe(true);
    expect(await sites.request(['http://127.0.0.1:8765'])).toBe(true);
    expect(prompts).toEqual([['http://127.0.0.1/*']]);
    expect(await sites.contains(['http://127.0.0.1:8765/other.ics'])).toBe(true);
    expect(await sites.remove(['http://127.0.0.1:8765/feed.ics'])).toBe(true);
    expect([...held]).toEqual([]);
  });

  it('asks for several sites in one prompt, each once', async () => {
    const { api, prompts } = firefoxLike();
    const sites = createSitePermissions(() => api);
    await sites.request(['https://a.org/x.ics', 'webcal://a.org/y.ics', 'http://b.org:81/']);
    expect(prompts).toEqual([['https://a.org/*', 'http://b.org/*']]);
  });

  it('says when the prompt is refused', async () => {
    const { api } = firefoxLike(false);
    const sites = createSitePermissions(() => api);
    expect(await sites.request(['https://a.org/x.ics'])).toBe(false);
    expect(await sites.contains(['https://a.org/x.ics'])).toBe(false);
  });

  it('calls request synchronously, so the prompt still has the click', () => {
    const { api } = firefoxLike();
    void createSitePermissions(() => api).request(['https://a.org/x.ics']);
    expect(api.request).toHaveBeenCalledTimes(1);
  });

  it.each<[string, () => PermissionsApi | undefined]>([
    ['no permissions API', () => undefined],
    [
      'calls that throw',
      () => ({
        request: () => {
          throw new Error('permissions.request may only be called from a user input handler');
        },
        contains: () => {
          throw new Error('boom');
        },
        remove: () => {
          throw new Error('boom');
        },
      }),
    ],
    [
      'calls that reject',
      () => ({
        request: () => Promise.reject(new Error('denied')),
        contains: () => Promise.reject(new Error('boom')),
        remove: () => Promise.reject(new Error('You cannot remove required permissions.')),
      }),
    ],
  ])('never throws (%s): refused, unknown counts as held, nothing removed', async (_, api) => {
    const sites = createSitePermissions(api);
    expect(await sites.request(['https://a.org/'])).toBe(false);
    expect(await sites.contains(['https://a.org/'])).toBe(true);
    expect(await sites.remove(['https://a.org/'])).toBe(false);
  });

  it('does not call the browser for sites that are no http(s) site', async () => {
    const { api } = firefoxLike();
    const sites = createSitePermissions(() => api);
    expect(await sites.request(['ftp://a.org/'])).toBe(false);
    expect(await sites.contains([])).toBe(true);
    expect(await sites.remove(['nope'])).toBe(false);
    expect(api.request).not.toHaveBeenCalled();
    expect(api.contains).not.toHaveBeenCalled();
    expect(api.remove).not.toHaveBeenCalled();
  });
});
