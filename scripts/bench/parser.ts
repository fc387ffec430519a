/**
 * Parser benchmark: a 2.3 MB feed — 5,000 one-off events in Europe/Paris with a VTIMEZONE and 200
 * weekly recurring events with EXDATEs — read by our parseICal, node-ical, the plain ical.js loop
 * (ICAL.Event + iterator() per event) and bare ICAL.parse, over the same 180-day window.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { parseICal } from '../../lib/feeds/ical';
import { generateFeed, WINDOW_FROM, WINDOW_TO } from './support/feeds';

/** The naive ical.js reading most extensions do: ICAL.Event + iterator() per event. */
function plainIcalLoop(text: string): number {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  const from = ICAL.Time.fromJSDate(new Date(WINDOW_FROM), true);
  const to = ICAL.Time.fromJSDate(new Date(WINDOW_TO), true);
  let count = 0;
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    if (event.isRecurring()) {
      const iterator = event.iterator();
      for (let next = iterator.next(); next && next.compare(to) < 0; next = iterator.next()) {
        if (next.compare(from) >= 0) {
          event.getOccurrenceDetails(next);
          count++;
        }
      }
    } else if (event.startDate.compare(to) < 0 && event.endDate.compare(from) >= 0) {
      event.startDate.toJSDate();
      count++;
    }
  }
  return count;
}

interface Row {
  name: string;
  ms: number;
  events: number | string;
  heapMb: number;
  peakRssMb: number | null;
}

const READERS: Record<string, (text: string) => number | string> = {
  'ICAL.parse (bare)': (text) => (ICAL.parse(text) as unknown[]).length,
  'parseICal (ours)': (text) => parseICal(text, { feedId: 'bench', from: WINDOW_FROM, to: WINDOW_TO, now: WINDOW_FROM }).events.length,
  'node-ical sync.parseICS': (text) => Object.keys(nodeIcal.sync.parseICS(text)).length,
  'plain ical.js loop': (text) => plainIcalLoop(text),
};

const CHILD_FLAG = '--parser-memory-child=';

/** Peak memory of one reader, measured alone in a fresh process: RSS high-water mark minus RSS before reading. */
function peakRssInChild(name: string): number | null {
  try {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), `${CHILD_FLAG}${name}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const value = Number(out.trim().split('\n').pop());
    return Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

const childArg = process.argv.find((a) => a.startsWith(CHILD_FLAG));
if (childArg) {
  const reader = READERS[childArg.slice(CHILD_FLAG.length)];
  const text = generateFeed();
  const before = process.memoryUsage().rss;
  reader?.(text);
  console.log(((process.resourceUsage().maxRSS * 1024 - before) / 1048576).toFixed(1));
}

// A full GC before each timed run, so no reader pays for the garbage of the one before it. Enabled at runtime:
// `npm run bench` needs no --expose-gc flag.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Contender {
  name: string;
  run: () => number | string;
  times: number[];
  events: number | string;
  heapMb: number;
  peakRssMb: number;
}

/**
 * Runs the contenders in interleaved rounds (A B C, A B C, …) after one warm-up each, so a machine whose load
 * changes during the run (2 shared cores here) skews every reader alike; reports medians.
 */
function measure(contenders: Array<{ name: string; run: () => number | string; rounds?: number }>, rounds: number): Row[] {
  const state: Contender[] = contenders.map((c) => ({ ...c, times: [], events: 0, heapMb: 0, peakRssMb: 0 }));
  for (const c of state) c.run();
  for (let round = 0; round < rounds; round++) {
    for (const [i, c] of state.entries()) {
      if (round >= (contenders[i]!.rounds ?? rounds)) continue;
      collectGarbage();
      const heapBefore = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      c.events = c.run();
      c.times.push(performance.now() - t0);
      c.heapMb = Math.max(c.heapMb, (process.memoryUsage().heapUsed - heapBefore) / 1048576);
    }
  }
  return state.map((c) => {
    const sorted = [...c.times].sort((a, b) => a - b);
    return { name: c.name, ms: sorted[Math.floor(sorted.length / 2)]!, events: c.events, heapMb: c.heapMb, peakRssMb: peakRssInChild(c.name) };
  });
}

export default async function parserBench(): Promise<void> {
  const text = generateFeed();
  console.log(`\n## Parser — ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB feed, 5,000 one-off + 200 weekly events, window 180 days`);
  const rows = measure(
    Object.entries(READERS).map(([name, read]) => ({ name, run: () => read(text), rounds: name === 'plain ical.js loop' ? 1 : undefined })),
    7,
  );

  const [bare, ours, node, plain] = rows as [Row, Row, Row, Row];
  console.log(`(items: events for the readers that expand occurrences; top-level components or keys for the others)\n`);
  console.log('| reader | median ms | items | heap Δ MB | peak RSS Δ MB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(`| ${row.name} | ${row.ms.toFixed(0)} | ${row.events} | ${row.heapMb.toFixed(1)} | ${row.peakRssMb?.toFixed(1) ?? 'n/a'} |`);
  }
  const vsNode = node.ms / ours.ms;
  const vsBare = ours.ms / bare.ms;
  console.log(`\n- ${vsNode >= 3 ? 'PASS' : 'FAIL'} ≥ 3x faster than node-ical: ${vsNode.toFixed(1)}x`);
  console.log(`- ${vsBare <= 2.5 ? 'PASS' : 'FAIL'} within 2.5x of bare ICAL.parse: ${vsBare.toFixed(2)}x`);
  console.log(`- (info) ${(plain.ms / ours.ms).toFixed(1)}x faster than the plain ical.js loop`);
  console.log('- times: medians of interleaved rounds after a warm-up, full GC before each run (the plain loop runs once).');
  console.log('- heap Δ: largest heap growth during one run (garbage included); peak RSS Δ: one run alone in a fresh');
  console.log('  process, its RSS high-water mark minus its RSS before reading (the 2.3 MB text is already in memory).');
}
