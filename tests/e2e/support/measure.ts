/**
 * The browser figures: the popup's first render with 2,000 stored events, and a refresh of 20
 * unchanged feeds (all answered 304). Used by tests/e2e/performance.test.ts and `npm run bench`
 * (scripts/bench/browser.ts); both write them to .output/e2e-metrics.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../../../scripts/fixture-server';
import { launchExtension, type ExtensionSession } from './extension';
import { addSampleFeeds, refreshAll, seedSettings } from './seed';

export const METRICS_FILE = resolve(import.meta.dirname, '../../../.output/e2e-metrics.json');

export interface BrowserMetrics {
  measuredAt: string;
  chromium: string;
  popupFirstRender: {
    storedEvents: number;
    /** Navigation start → first event row in the DOM and painted (next animation frame), per opening. */
    runsMs: number[];
    medianMs: number;
    /**
     * Navigation start → the full list painted, per opening: every stored event read and listed, so search,
     * detail and counts cover them all (neither the content nor the list says aria-busy="true" any more).
     */
    fullListRunsMs: number[];
    fullListMedianMs: number;
    /** The popup's own performance marks, if it sets any: name → median ms since navigation start. */
    marks: Record<string, number>;
    /** DOMContentLoaded of the popup document (scripts parsed and run), median ms since navigation start. */
    domContentLoadedMs: number;
    /**
     * The floor: navigation start → first paint of an extension page with nothing in it (the test build's
     * bench-blank.html), opened the same way just before each popup opening. What the browser and the machine
     * cost before any of the popup's own work.
     */
    blankPageRunsMs: number[];
    blankPageMedianMs: number;
    /**
     * The other floor: navigation start → the first line of an extension page's only script (the test build's
     * bench-script.html, a script in its head as popup.html's first one), opened the same way. No page's code,
     * the popup's included, runs earlier.
     */
    blankScriptRunsMs: number[];
    blankScriptMedianMs: number;
  };
  refreshUnchanged: {
    feeds: number;
    notModified: number;
    runsMs: number[];
    medianMs: number;
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Records, inside the page from its first script on, when the first event row is in the DOM and when it is
 * painted, then the same for the full list (neither the content nor the list aria-busy any more). A string,
 * not a function: tsx (esbuild keepNames) would wrap inner functions in a `__name` helper that does not exist
 * in the page.
 */
const RECORD_FIRST_ROW = `(() => {
  const observer = new MutationObserver(() => {
    if (window.__firstRowMs === undefined && document.querySelector('button[data-event-id]')) {
      window.__firstRowMs = performance.now();
      requestAnimationFrame(() => { window.__firstRowPaintedMs = performance.now(); });
    }
    if (window.__fullListMs === undefined && document.querySelector('main[aria-busy="false"] .event-list[aria-busy="false"] button[data-event-id]')) {
      window.__fullListMs = performance.now();
      requestAnimationFrame(() => { window.__fullListPaintedMs = performance.now(); });
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
})();`;

/** Opens one of the test build's floor pages as the popup is opened, and returns what `read` finds in it (ms). */
async function floorPage(session: ExtensionSession, path: string, read: () => number | undefined): Promise<number> {
  const page = await session.context.newPage();
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    await page.bringToFront();
    await page.goto(session.url(path));
    const handle = await page.waitForFunction(read, null, { timeout: 10_000 });
    return (await handle.jsonValue()) as number;
  } finally {
    await page.close();
  }
}

/** Navigation start → first paint of the test build's blank extension page. */
const blankPageFirstPaint = (session: ExtensionSession) =>
  floorPage(session, 'bench-blank.html', () => performance.getEntriesByType('paint').find((entry) => entry.name === 'first-paint')?.startTime);

/** Navigation start → the first line of the test build's one-script page. */
const blankPageScript = (session: ExtensionSession) =>
  floorPage(session, 'bench-script.html', () => (window as { __scriptMs?: number }).__scriptMs);

async function storedEventCount(session: ExtensionSession): Promise<number> {
  const all = await session.storageGet(null);
  return Object.entries(all)
    .filter(([key]) => key.startsWith('feed:') && !key.endsWith('$'))
    .reduce((sum, [, value]) => {
      // The events are stored as one JSON text (lib/storage.ts); data from before as a list.
      const events = (value as { events?: string | unknown[] }).events ?? [];
      return sum + (typeof events === 'string' ? (JSON.parse(events) as unknown[]) : events).length;
    }, 0);
}

export async function measurePopupFirstRender(
  server: FixtureServer,
  options: { events?: number; feeds?: number; runs?: number; extensionDir?: string } = {},
): Promise<BrowserMetrics['popupFirstRender'] & { chromium: string }> {
  const total = options.events ?? 2000;
  const feeds = options.feeds ?? 4;
  const session = await launchExtension({ extensionDir: options.extensionDir });
  try {
    await seedSettings(session, { radiusKm: 25 });
    for (let seed = 1; seed <= feeds; seed++) {
      await session.send('addFeed', { url: server.generatedUrl(total / feeds, seed), name: `Generated ${seed}` }, 120_000);
    }
    const storedEvents = await storedEventCount(session);
    const runsMs: number[] = [];
    const fullListRunsMs: number[] = [];
    const markRuns = new Map<string, number[]>();
    const domContentLoaded: number[] = [];
    const blankPageRunsMs: number[] = [];
    const blankScriptRunsMs: number[] = [];
    for (let run = 0; run < (options.runs ?? 7); run++) {
      const blank = await blankPageFirstPaint(session);
      const blankScript = await blankPageScript(session);
      const page = await session.context.newPage();
      await page.setViewportSize({ width: 400, height: 600 });
      await page.addInitScript(RECORD_FIRST_ROW);
      // A background tab gets no animation frames: the measured popup is the front tab.
      await page.bringToFront();
      await page.goto(session.url('popup.html'));
      await page.waitForFunction(() => (window as { __firstRowMs?: number }).__firstRowMs !== undefined, null, {
        timeout: 30_000,
      });
      await page
        .waitForFunction(() => (window as { __firstRowPaintedMs?: number }).__firstRowPaintedMs !== undefined, null, {
          timeout: 2_000,
        })
        .catch(() => undefined);
      await page.waitForFunction(() => (window as { __fullListPaintedMs?: number }).__fullListPaintedMs !== undefined, null, {
        timeout: 30_000,
      });
      const result = await page.evaluate(() => {
        const w = window as unknown as { __firstRowMs: number; __firstRowPaintedMs?: number; __fullListPaintedMs: number };
        return {
          painted: w.__firstRowPaintedMs ?? w.__firstRowMs,
          fullList: w.__fullListPaintedMs,
          marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const),
          domContentLoaded: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)
            ?.domContentLoadedEventEnd,
        };
      });
      // The first opening also warms the browser's caches for the extension's files: it is not counted.
      if (run > 0) {
        blankPageRunsMs.push(round(blank));
        blankScriptRunsMs.push(round(blankScript));
        runsMs.push(round(result.painted));
        fullListRunsMs.push(round(result.fullList));
        if (result.domContentLoaded !== undefined) domContentLoaded.push(result.domContentLoaded);
        for (const [name, ms] of result.marks) markRuns.set(name, [...(markRuns.get(name) ?? []), ms]);
      }
      await page.close();
    }
    const chromium = session.context.browser()?.version() ?? 'unknown';
    const marks = Object.fromEntries([...markRuns].map(([name, values]) => [name, round(median(values))]));
    const domContentLoadedMs = domContentLoaded.length ? round(median(domContentLoaded)) : Number.NaN;
    return {
      storedEvents,
      runsMs,
      medianMs: round(median(runsMs)),
      fullListRunsMs,
      fullListMedianMs: round(median(fullListRunsMs)),
      marks,
      domContentLoadedMs,
      blankPageRunsMs,
      blankPageMedianMs: round(median(blankPageRunsMs)),
      blankScriptRunsMs,
      blankScriptMedianMs: round(median(blankScriptRunsMs)),
      chromium,
    };
  } finally {
    await session.close();
  }
}

export async function measureUnchangedRefresh(
  server: FixtureServer,
  options: { feeds?: number; runs?: number } = {},
): Promise<BrowserMetrics['refreshUnchanged']> {
  const count = options.feeds ?? 20;
  const session = await launchExtension();
  try {
    await seedSettings(session);
    for (let copy = 1; copy <= count; copy++) await addSampleFeeds(session, server, ['caen-js'], copy);
    await refreshAll(session);
    const runsMs: number[] = [];
    let notModified = 0;
    for (let run = 0; run < (options.runs ?? 5); run++) {
      server.resetStats();
      const started = performance.now();
      await refreshAll(session);
      runsMs.push(round(performance.now() - started));
      notModified = server.totals().notModified;
    }
    return { feeds: count, notModified, runsMs, medianMs: round(median(runsMs)) };
  } finally {
    await session.close();
  }
}

export async function measureBrowserFigures(): Promise<BrowserMetrics> {
  const server = await startFixtureServer();
  try {
    const { chromium, ...popupFirstRender } = await measurePopupFirstRender(server);
    const refreshUnchanged = await measureUnchangedRefresh(server);
    const metrics: BrowserMetrics = { measuredAt: new Date().toISOString(), chromium, popupFirstRender, refreshUnchanged };
    writeMetrics(metrics);
    return metrics;
  } finally {
    await server.close();
  }
}

export function writeMetrics(metrics: BrowserMetrics): void {
  mkdirSync(dirname(METRICS_FILE), { recursive: true });
  writeFileSync(METRICS_FILE, `${JSON.stringify(metrics, null, 2)}\n`);
}
