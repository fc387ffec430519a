import { defineUnlistedScript } from '#imports';
import { startEarlyPopupReads, type PopupReadsApi } from '../lib/ui/popup-reads';

/**
 * popup.html's first script (classic, before the page's modules): starts the popup's first storage read while the
 * rest of the page loads; the feeds' data is read later (lib/ui/popup-reads.ts). Firefox gives `browser`; Chrome's
 * `chrome` returns promises in MV3.
 */
export default defineUnlistedScript(() => {
  // In the E2E figures (tests/e2e/support/measure.ts), next to the floor page's first script.
  performance.mark('popup-first-script');
  const scope = globalThis as { browser?: PopupReadsApi; chrome?: PopupReadsApi };
  const api = scope.browser ?? scope.chrome;
  if (api?.storage?.local) startEarlyPopupReads(api);
});
