/**
 * The one way the extension asks for, checks and gives back access to sites. Every site is turned into its
 * port-less match pattern (`http://127.0.0.1/*`, never `http://127.0.0.1:8765/*`): Firefox counts a pattern
 * with a port as an origin of its own, so a request with the port is not covered by the port-less grant and
 * prompts a second time, and a removal with the port leaves the port-less grant behind. Chrome's port-less
 * pattern covers every port, so both browsers agree on what is held.
 *
 * Never throws: a missing API or a failed call answers the fallback of each action (a request is refused, a
 * removal did nothing, and "held?" answers true, so that we never nag for, or take back, what we cannot see).
 * `request` calls the API synchronously: callers invoke it first thing in a click, where prompts are allowed.
 */
import { browser } from 'wxt/browser';

export interface PermissionsApi {
  request(permissions: { origins: string[] }): Promise<boolean>;
  contains(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
}

/**
 * A feed URL, an origin or a match pattern → the port-less pattern of its site; null when it is no http(s)
 * site. `webcal://` is read over https, so that is the site to hold. Wildcard patterns (`https://*\/*`) pass.
 */
export function sitePattern(site: string): string | null {
  try {
    const url = new URL(site.trim().replace(/^webcals?:\/\//i, 'https://'));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.protocol}//${url.hostname}/*`;
  } catch {
    return null;
  }
}

/** The distinct patterns of some sites, in their first order; sites that are no http(s) site are dropped. */
export function sitePatterns(sites: readonly string[]): string[] {
  return [...new Set(sites.map(sitePattern).filter((pattern): pattern is string => pattern !== null))];
}

function safely(call: () => Promise<boolean> | undefined, fallback: boolean): Promise<boolean> {
  try {
    const answer = call();
    return answer ? Promise.resolve(answer).catch(() => fallback) : Promise.resolve(fallback);
  } catch {
    return Promise.resolve(fallback);
  }
}

export interface SitePermissions {
  /** Asks for every site in one prompt; false when refused, when none is an http(s) site, or on error. */
  request(sites: readonly string[]): Promise<boolean>;
  /** Whether every site is held; true when there is none to check or the browser cannot tell. */
  contains(sites: readonly string[]): Promise<boolean>;
  /** Gives the sites back; false when nothing was removed (required grants, no API). */
  remove(sites: readonly string[]): Promise<boolean>;
}

/** The actions over one permissions API, read at each call (`undefined` where the browser has none). */
export function createSitePermissions(api: () => PermissionsApi | undefined): SitePermissions {
  return {
    request(sites) {
      const origins = sitePatterns(sites);
      if (origins.length === 0) return Promise.resolve(false);
      return safely(() => api()?.request({ origins }), false);
    },
    contains(sites) {
      const origins = sitePatterns(sites);
      if (origins.length === 0) return Promise.resolve(true);
      return safely(() => api()?.contains({ origins }), true);
    },
    remove(sites) {
      const origins = sitePatterns(sites);
      if (origins.length === 0) return Promise.resolve(false);
      return safely(() => api()?.remove({ origins }), false);
    },
  };
}

/** The browser's own permissions, looked up at each call so that nothing is touched at import time. */
export const sitePermissions: SitePermissions = createSitePermissions(
  () => (browser as unknown as { permissions?: PermissionsApi }).permissions,
);
