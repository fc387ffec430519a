/**
 * Cold read: what a user waits for when the MV3 worker wakes and reads a feed. Every run is a fresh Node process
 * running one reader, bundled with esbuild beforehand (no TypeScript compiled in the figures), on the parser
 * bench's 2.3 MB feed, on a typical 40 KB Meetup export and on a one-event feed. Ours is parseFeed, the worker's
 * entry; the others are node-ical and bare ICAL.parse, measured the same way in the same rounds.
 *
 * Each process times its one reading call from inside (cold-read/timed-call.ts): nothing runs before it but module
 * loading, and a full GC of what loading left (`--expose-gc`), so that a call pays for collecting its own garbage
 * rather than for whichever start-up collection happens to fall into it. A reader's figure for a feed is its calls
 * on the feed less its calls on the one-event feed (the fixed cost of a first call: compiling the code an event
 * goes through, Intl's data, first tables): the cost that grows with the feed, without the ±20 ms a process start
 * adds to each run. Each series is summed up by its lower quartile, not its median: the first use of Intl in a
 * process (ours) takes 22 ms or, on a loaded machine, 35 ms, and which one a run gets is chance, enough to swing a
 * median of differences by milliseconds; the lower quartile reads each series without that chance (noise only
 * ever adds time), and is taken alike for every reader. The 2.3 MB feed runs in fewer rounds than the small ones.
 * Printed for information: each reader's start-up (one-event process − `node -e 0`, medians), its first call on
 * the one-event feed (median), and the old figure, whole process on the feed − on the one-event feed (median of
 * the differences within each round).
 *
 * `BENCH_CPU_PROF=<dir> npm run bench -- cold` also writes one `node --cpu-prof` profile per reader and feed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateFeed, generateMeetupFeed, generateTinyFeed, WINDOW_FROM, WINDOW_TO } from './support/feeds';
import { bundleForNode, runProcesses, type ProcessRun, type TimedProcess } from './support/processes';
import { median, verdict } from './support/report';

const BIG_ROUNDS = 13;
const SMALL_ROUNDS = 25;
const READERS = { ours: 'parseFeed (ours)', 'node-ical': 'node-ical sync.parseICS', bare: 'ICAL.parse (bare)' } as const;
type Reader = keyof typeof READERS;
const FEEDS = ['tiny', 'typical', 'big'] as const;
type Feed = (typeof FEEDS)[number];

/** The reading call's ms, as the process printed it ("<count> <ms>"). */
const callMs = (run: TimedProcess): number => Number(run.stdout.trim().split(' ')[1]);

/** Median over rounds of (a − b), paired within each round. */
function pairedMedian(a: readonly number[], b: readonly number[]): number {
  return median(a.map((ms, round) => ms - b[round]!));
}

/** The value a quarter of the way up the sorted series (interpolated). */
function lowerQuartile(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) / 4;
  const below = Math.floor(at);
  return sorted[below]! + (sorted[Math.min(below + 1, sorted.length - 1)]! - sorted[below]!) * (at - below);
}

/** Calls on a feed less calls on the one-event feed, each series by its lower quartile. */
const growth = (feed: readonly TimedProcess[], oneEvent: readonly TimedProcess[]): number =>
  lowerQuartile(feed.map(callMs)) - lowerQuartile(oneEvent.map(callMs));

export default async function coldReadBench(): Promise<void> {
  const here = resolve(import.meta.dirname, 'cold-read');
  const bundles = await bundleForNode({ ours: join(here, 'ours.ts'), 'node-ical': join(here, 'node-ical.ts'), bare: join(here, 'bare-ical.ts') });
  const dir = mkdtempSync(join(tmpdir(), 'cold-read-'));
  const texts: Record<Feed, string> = { tiny: generateTinyFeed(), typical: generateMeetupFeed(40_000), big: generateFeed() };
  const files = Object.fromEntries(FEEDS.map((feed) => [feed, join(dir, `${feed}.ics`)])) as Record<Feed, string>;
  for (const feed of FEEDS) writeFileSync(files[feed], texts[feed]);

  const readers = Object.keys(READERS) as Reader[];
  const run = (reader: Reader, feed: Feed): ProcessRun => ({
    name: `${reader} ${feed}`,
    command: process.execPath,
    args: ['--expose-gc', bundles[reader]!, files[feed], String(WINDOW_FROM), String(WINDOW_TO)],
  });
  const nodeOnly = { name: 'node -e 0', command: process.execPath, args: ['-e', '0'] };
  // Each group pairs its feed with the one-event feed, round by round.
  const big = runProcesses(readers.flatMap((reader) => [run(reader, 'tiny'), run(reader, 'big')]), BIG_ROUNDS);
  const small = runProcesses([nodeOnly, ...readers.flatMap((reader) => [run(reader, 'tiny'), run(reader, 'typical')])], SMALL_ROUNDS);

  const kb = (text: string) => `${(Buffer.byteLength(text) / 1000).toFixed(0)} KB`;
  console.log(`\n## Cold read — a fresh process per run, its reading call timed from inside; ${SMALL_ROUNDS} interleaved rounds (2.3 MB: ${BIG_ROUNDS})`);
  console.log(`feeds: big ${kb(texts.big)} (5,000 one-off + 200 weekly), typical Meetup export ${kb(texts.typical)}, one-event ${kb(texts.tiny)}\n`);
  console.log('| reader | start-up ms | first call, one event ms | typical 40 KB ms | big 2.3 MB ms | whole process 40 KB / 2.3 MB ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const nodeMs = median(small.get(nodeOnly.name)!.map((timed) => timed.wallMs));
  const figures = {} as Record<Reader, { typical: number; big: number }>;
  for (const reader of readers) {
    const tinySmall = small.get(`${reader} tiny`)!;
    const typical = small.get(`${reader} typical`)!;
    const tinyBig = big.get(`${reader} tiny`)!;
    const bigRuns = big.get(`${reader} big`)!;
    figures[reader] = { typical: growth(typical, tinySmall), big: growth(bigRuns, tinyBig) };
    const wall = (runs: TimedProcess[]) => runs.map((timed) => timed.wallMs);
    const startUp = median(wall(tinySmall)) - nodeMs;
    const firstCall = median(tinySmall.map(callMs));
    const wholeTypical = pairedMedian(wall(typical), wall(tinySmall));
    const wholeBig = pairedMedian(wall(bigRuns), wall(tinyBig));
    console.log(
      `| ${READERS[reader]} | ${startUp.toFixed(0)} | ${firstCall.toFixed(1)} | ${figures[reader].typical.toFixed(1)} | ${figures[reader].big.toFixed(0)} | ${wholeTypical.toFixed(0)} / ${wholeBig.toFixed(0)} |`,
    );
  }
  console.log('');
  for (const feed of ['big', 'typical'] as const) {
    const vsNode = figures['node-ical'][feed] / figures.ours[feed];
    const vsBare = figures.ours[feed] / figures.bare[feed];
    const label = feed === 'big' ? '2.3 MB' : '40 KB';
    console.log(verdict(vsNode >= 3, `${label}: ≥ 3x faster than node-ical`, `${vsNode.toFixed(1)}x`));
    console.log(verdict(vsBare <= 1.3, `${label}: within 1.3x of bare ICAL.parse`, `${vsBare.toFixed(2)}x`));
  }
  console.log(`- (info) node -e 0: ${nodeMs.toFixed(0)} ms; a feed's figure = lower quartile of its reading calls − that of the one-event feed's.`);

  const profileDir = process.env.BENCH_CPU_PROF;
  if (profileDir) {
    for (const reader of readers) {
      for (const feed of FEEDS) {
        const { args } = run(reader, feed);
        spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`, `--cpu-prof-name=${reader}-${feed}.cpuprofile`, ...args]);
      }
    }
    console.log(`- profiles: ${resolve(profileDir)}/<reader>-<feed>.cpuprofile`);
  }
}
