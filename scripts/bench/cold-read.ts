/**
 * Cold read: what a user waits for when the MV3 worker wakes and reads a feed. Every run is a fresh Node
 * process running one reader, bundled with esbuild beforehand (no TypeScript compiled in the figures), on the
 * parser bench's 2.3 MB feed, on a typical 40 KB Meetup export and on a one-event feed. A reader's figure for
 * a feed is its whole-process time minus its time on the one-event feed in the same round (process start,
 * module loading and first calls taken out), median over the rounds. Ours is parseFeed, the worker's entry.
 *
 * `BENCH_CPU_PROF=<dir> npm run bench -- cold` also writes one `node --cpu-prof` profile per reader and feed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateFeed, generateMeetupFeed, generateTinyFeed, WINDOW_FROM, WINDOW_TO } from './support/feeds';
import { bundleForNode, timeProcesses } from './support/processes';
import { median, verdict } from './support/report';

const ROUNDS = 11;
const READERS = { ours: 'parseFeed (ours)', 'node-ical': 'node-ical sync.parseICS', bare: 'ICAL.parse (bare)' } as const;
type Reader = keyof typeof READERS;
const FEEDS = ['tiny', 'typical', 'big'] as const;
type Feed = (typeof FEEDS)[number];

/** Median over rounds of (time on `feed` − time on the one-event feed), paired within each round. */
function readingMs(times: Map<string, number[]>, reader: Reader, feed: Feed): number {
  const on = times.get(`${reader} ${feed}`)!;
  const tiny = times.get(`${reader} tiny`)!;
  return median(on.map((ms, round) => ms - tiny[round]!));
}

export default async function coldReadBench(): Promise<void> {
  const here = resolve(import.meta.dirname, 'cold-read');
  const bundles = await bundleForNode({ ours: join(here, 'ours.ts'), 'node-ical': join(here, 'node-ical.ts'), bare: join(here, 'bare-ical.ts') });
  const dir = mkdtempSync(join(tmpdir(), 'cold-read-'));
  const texts: Record<Feed, string> = { tiny: generateTinyFeed(), typical: generateMeetupFeed(40_000), big: generateFeed() };
  const files = Object.fromEntries(FEEDS.map((feed) => [feed, join(dir, `${feed}.ics`)])) as Record<Feed, string>;
  for (const feed of FEEDS) writeFileSync(files[feed], texts[feed]);

  const readers = Object.keys(READERS) as Reader[];
  const runs = readers.flatMap((reader) =>
    FEEDS.map((feed) => ({
      name: `${reader} ${feed}`,
      command: process.execPath,
      args: [bundles[reader]!, files[feed], String(WINDOW_FROM), String(WINDOW_TO)],
    })),
  );
  const nodeOnly = { name: 'node -e 0', command: process.execPath, args: ['-e', '0'] };
  const times = timeProcesses([nodeOnly, ...runs], ROUNDS);

  const kb = (text: string) => `${(Buffer.byteLength(text) / 1000).toFixed(0)} KB`;
  console.log(`\n## Cold read — a fresh process per run, ${ROUNDS} interleaved rounds`);
  console.log(`feeds: big ${kb(texts.big)} (5,000 one-off + 200 weekly), typical Meetup export ${kb(texts.typical)}, one-event ${kb(texts.tiny)}\n`);
  console.log(`| reader | start-up ms (one-event feed − node -e 0) | typical 40 KB ms | big 2.3 MB ms |`);
  console.log('|---|---:|---:|---:|');
  const nodeMs = median(times.get(nodeOnly.name)!);
  const figures = {} as Record<Reader, Record<Feed, number>>;
  for (const reader of readers) {
    const startUp = median(times.get(`${reader} tiny`)!) - nodeMs;
    figures[reader] = { tiny: startUp, typical: readingMs(times, reader, 'typical'), big: readingMs(times, reader, 'big') };
    console.log(`| ${READERS[reader]} | ${startUp.toFixed(0)} | ${figures[reader].typical.toFixed(1)} | ${figures[reader].big.toFixed(0)} |`);
  }
  console.log('');
  for (const feed of ['big', 'typical'] as const) {
    const vsNode = figures['node-ical'][feed] / figures.ours[feed];
    const vsBare = figures.ours[feed] / figures.bare[feed];
    const label = feed === 'big' ? '2.3 MB' : '40 KB';
    console.log(verdict(vsNode >= 3, `${label}: ≥ 3x faster than node-ical`, `${vsNode.toFixed(1)}x`));
    console.log(verdict(vsBare <= 1.3, `${label}: within 1.3x of bare ICAL.parse`, `${vsBare.toFixed(2)}x`));
  }
  console.log(`- (info) node -e 0: ${nodeMs.toFixed(0)} ms; reading = whole process on the feed − on the one-event feed, same round.`);

  const profileDir = process.env.BENCH_CPU_PROF;
  if (profileDir) {
    for (const run of runs) {
      spawnSync(run.command, ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`, `--cpu-prof-name=${run.name.replace(' ', '-')}.cpuprofile`, ...run.args]);
    }
    console.log(`- profiles: ${resolve(profileDir)}/<reader>-<feed>.cpuprofile`);
  }
}
