/**
 * The real outside world of the worker: the network, the feed readers (lib/feeds), the offline gazetteer
 * (lib/location, loaded from the extension's own files on first use) and the browser's i18n. Built inside
 * `main()`, never at import time.
 */
import { browser } from 'wxt/browser';
import { parseFeed } from '../feeds/index';
import { fetchGazetteerLoader, lazyGazetteer } from '../location/gazetteer';
import { resolveFeedEvents } from '../location/resolve';
import type { BackgroundDeps, ResolveEvents } from './deps';
import { sitePermissions } from '../permissions';

export function createProductionDeps(): BackgroundDeps {
  const getURL = browser.runtime.getURL as (path: string) => string;
  const gazetteer = lazyGazetteer(fetchGazetteerLoader((path) => getURL(path)));
  const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string[]) => string;

  // The CLI's pass too: the feed's usual country then breaks ties between homonyms the text named.
  const resolve: ResolveEvents = async (events, { city, feed }) =>
    resolveFeedEvents(events, { gazetteer: await gazetteer(), city, home: feed?.home ?? null });

  return {
    // Through a closure: a detached `fetch` throws "Illegal invocation" in browsers.
    fetch: (input, init) => fetch(input, init),
    // An odd URL or no permissions API counts as held (sitePermissions answers so): the request itself then
    // says what is wrong.
    hasHostPermission: (url) => sitePermissions.contains([url]),
    now: () => Date.now(),
    parse: parseFeed,
    resolve,
    searchCities: async (query, limit) => (await gazetteer()).search(query, limit),
    nearestCity: async (lat, lon) => (await gazetteer()).nearestCity(lat, lon),
    translate: (key, substitutions) => getMessage(key, substitutions),
    // Read at each use rather than once at worker start: Chromium under Playwright's locale emulation answers
    // "en-US" to a worker that started before any extension page opened, and the real language afterwards.
    get locale() {
      return browser.i18n.getUILanguage();
    },
    randomId: () => crypto.randomUUID().slice(0, 8),
  };
}
