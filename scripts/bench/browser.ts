/**
 * Browser figures for `npm run bench`: the popup's first render with 2,000 stored events and a refresh of 20
 * unchanged feeds, measured in Chromium by the E2E run (.output/e2e-metrics.json). When that file is missing or
 * older than an hour, this builds the test extension and measures them itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM } from '../../tests/e2e/support/extension';
import { METRICS_FILE, measureBrowserFigures, type BrowserMetrics } from '../../tests/e2e/support/measure';
import { verdict } from './support/report';

const RECENT_MS = 60 * 60 * 1000;
const ROOT = resolve(import.meta.dirname, '../..');

function recentMetrics(): BrowserMetrics | null {
  if (!existsSync(METRICS_FILE) || Date.now() - statSync(METRICS_FILE).mtimeMs > RECENT_MS) return null;
  try {
    const metrics = JSON.parse(readFileSync(METRICS_FILE, 'utf8')) as BrowserMetrics;
    // Figures from before the floor was measured are measured again.
    return metrics.popupFirstRender?.blankScriptMedianMs === undefined ? null : metrics;
  } catch {
    return null;
  }
}

export default async function browserBench(): Promise<void> {
  console.log('\n## Browser (Chromium, test build)');
  let metrics = recentMetrics();
  let source = `from the last E2E run (${METRICS_FILE.replace(`${ROOT}/`, '')})`;
  if (!metrics) {
    if (!existsSync(CHROMIUM)) {
      console.log(`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium) and no recent ${METRICS_FILE}`);
      return;
    }
    console.log('no recent E2E figures: building the test extension and measuring (about a minute)…');
    execFileSync('npm', ['run', '--silent', 'build:test'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    metrics = await measureBrowserFigures();
    source = 'measured now';
  }
  const popup = metrics.popupFirstRender;
  const refresh = metrics.refreshUnchanged;
  console.log(`${source}, ${metrics.chromium}, ${metrics.measuredAt}`);
  console.log(`popup with ${popup.storedEvents} stored events, ms from opening, median of ${popup.runsMs.length} openings:`);
  console.log(verdict(popup.medianMs <= 100, 'first rows painted ≤ 100 ms', `${popup.medianMs} ms (runs: ${popup.runsMs.join(', ')})`));
  console.log(
    verdict(
      popup.fullListMedianMs <= 150,
      'full list painted (every event read, searchable) ≤ 150 ms',
      `${popup.fullListMedianMs} ms (runs: ${popup.fullListRunsMs.join(', ')})`,
    ),
  );
  const over = (ms: number) => Math.round(ms - popup.blankPageMedianMs);
  console.log(
    `  the floor: an empty extension page first paints at ${popup.blankPageMedianMs} ms (runs: ${popup.blankPageRunsMs.join(', ')}); ` +
      `the popup's own share: first rows +${over(popup.medianMs)} ms, full list +${over(popup.fullListMedianMs)} ms`,
  );
  console.log(
    `  an extension page's only script starts at ${popup.blankScriptMedianMs} ms (runs: ${popup.blankScriptRunsMs.join(', ')}): ` +
      'no code of the popup runs earlier',
  );
  const marks = Object.entries(popup.marks ?? {}).map(([name, ms]) => `${name} ${ms} ms`);
  console.log(`  of which: DOMContentLoaded ${popup.domContentLoadedMs} ms${marks.length ? `; popup marks: ${marks.join(', ')}` : ''}`);
  console.log(
    `refresh, ${refresh.feeds} unchanged feeds (${refresh.notModified} × 304)   median ${refresh.medianMs} ms  (runs: ${refresh.runsMs.join(', ')} ms)`,
  );
}
