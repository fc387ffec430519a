/**
 * Measured in the real browser and written to .output/e2e-metrics.json (printed by `npm run bench`): the popup's
 * first render with 2,000 stored events, and a refresh of 20 unchanged feeds, every one answered 304.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server';
import { measurePopupFirstRender, measureUnchangedRefresh, writeMetrics, type BrowserMetrics } from './support/measure';

let server: FixtureServer;
const figures: Partial<BrowserMetrics> = {};

beforeAll(async () => {
  server = await startFixtureServer();
});

afterAll(async () => {
  await server?.close();
  if (figures.popupFirstRender && figures.refreshUnchanged) writeMetrics(figures as BrowserMetrics);
});

describe('measured in Chromium', () => {
  it('renders the popup from 2,000 stored events', async () => {
    const { chromium, ...result } = await measurePopupFirstRender(server);
    figures.measuredAt = new Date().toISOString();
    figures.chromium = chromium;
    figures.popupFirstRender = result;
    console.log(`popup first render, ${result.storedEvents} stored events: median ${result.medianMs} ms (${result.runsMs.join(', ')})`);
    expect(result.storedEvents).toBe(2000);
    expect(result.runsMs.length).toBeGreaterThan(0);
    // The product target is 100 ms and is reported by `npm run bench`, not enforced here: on a shared
    // 2-core machine the figure swings with load. This only catches a popup that stalls on big data.
    expect(result.medianMs).toBeLessThan(2000);
  }, 180_000);

  it('refreshes 20 unchanged feeds with 304s only', async () => {
    const result = await measureUnchangedRefresh(server);
    figures.refreshUnchanged = result;
    console.log(`refresh of ${result.feeds} unchanged feeds: median ${result.medianMs} ms, ${result.notModified} × 304`);
    expect(result.notModified).toBe(20);
    expect(server.totals().ok).toBe(0);
  }, 180_000);
});
