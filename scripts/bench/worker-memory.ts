/**
 * Worker memory: the real background refreshing N feeds of ~1,000 events each (forced, every feed fetched and
 * written), each N in a fresh process (scripts/bench/worker-memory/refresh-child.ts). The target is memory that
 * stays flat as feeds are added: feeds are fetched four at a time and each is written once, so nothing of a
 * feed should stay after its write, and 50 feeds should peak about where 10 do.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { verdict } from './support/report';

const FEED_COUNTS = [10, 25, 50];
const CHILD = resolve(import.meta.dirname, 'worker-memory', 'refresh-child.ts');
const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

interface ChildResult {
  feeds: number;
  eventsPerFeed: number;
  before: number;
  peak: number;
  peakLive: number;
  after: number;
  stored: number;
  maxRss: number;
}

export default async function workerMemoryBench(): Promise<void> {
  const rows: ChildResult[] = FEED_COUNTS.map((feeds) => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, String(feeds)], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
  });
  console.log(`\n## Worker memory — forced refresh of N feeds × ${rows[0]!.eventsPerFeed} events, real background over a fake browser`);
  console.log('| feeds | peak live heap Δ MB | peak heap Δ MB (garbage included) | retained after the run Δ MB | stored MB | peak RSS MB |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(
      `| ${row.feeds} | ${mb(row.peakLive - row.before)} | ${mb(row.peak - row.before)} | ${mb(row.after - row.before)} | ${(row.stored / 1e6).toFixed(1)} | ${mb(row.maxRss)} |`,
    );
  }
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const growth = (last.peakLive - last.before) / (first.peakLive - first.before);
  console.log(verdict(growth <= 1.25, `flat: peak live heap at ${last.feeds} feeds within 1.25x of ${first.feeds} feeds`, `${growth.toFixed(2)}x`));
  console.log('- live heap: after a full GC, taken as each feed\'s fetch starts (what earlier feeds left while later ones run);');
  console.log('  peak heap: sampled every 2 ms, garbage included. Heap before the run is subtracted from both.');
}
