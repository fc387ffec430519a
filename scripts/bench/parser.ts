/**
 * Parser benchmark (issue 2): a 2.3 MB feed — 5,000 one-off events in Europe/Paris with a VTIMEZONE and 200
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
import { WINDOW_AHEAD_MS } from '../../lib/upcoming/window';

const WINDOW_FROM = Date.parse('2026-12-01T00:00:00Z');
const WINDOW_TO = WINDOW_FROM + WINDOW_AHEAD_MS;

const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE', 'TZID:Europe/Paris', 'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'TZNAME:CEST', 'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'TZNAME:CET', 'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD', 'END:VTIMEZONE',
];

const pad = (n: number) => String(n).padStart(2, '0');
const local = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
};

/** RFC 5545 folding at 75 octets (ASCII here), so the parsers also pay for unfolding. */
function fold(line: string): string {
  if (line.length <= 75) return line;
  const parts = [line.slice(0, 75)];
  for (let i = 75; i < line.length; i += 74) parts.push(` ${line.slice(i, i + 74)}`);
  return parts.join('\r\n');
}

export function generateFeed(): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Local Meetups//bench//EN', 'X-WR-CALNAME:Bench meetups', ...PARIS_VTIMEZONE];
  const topics = ['Rust', 'TypeScript', 'Kubernetes', 'Python', 'Design', 'Data', 'Security', 'Go', 'Elixir', 'DevOps'];
  for (let i = 0; i < 5000; i++) {
    const startWall = WINDOW_FROM + Math.floor((i * 179 * 86_400_000) / 5000) + (18 * 60 + (i % 4) * 15) * 60_000;
    const topic = topics[i % topics.length]!;
    lines.push(
      'BEGIN:VEVENT',
      `UID:event_${300000000 + i}@meetup.com`,
      `DTSTAMP:20261120T101010Z`,
      `DTSTART;TZID=Europe/Paris:${local(startWall)}`,
      `DTEND;TZID=Europe/Paris:${local(startWall + 2 * 3_600_000)}`,
      `SUMMARY:${topic} meetup #${i}: talks\\, pizza`,
      fold(`DESCRIPTION:${topic} in production\\, then lightning talks...`),
      fold(`LOCATION:Le Wagon (16 Villa Gaudelet\\, Paris\\, France 75011)`),
      'GEO:48.8650;2.3780',
      `URL:https://www.meetup.com/paris-${topic.toLowerCase()}/events/${300000000 + i}/`,
      `CATEGORIES:${topic},Tech`,
      i % 50 === 0 ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
      'END:VEVENT',
    );
  }
  for (let i = 0; i < 200; i++) {
    const first = Date.parse('2026-09-01T19:00:00Z') + (i % 7) * 86_400_000;
    const exdates = [3, 9, 17].map((w) => local(first + w * 7 * 86_400_000)).join(',');
    lines.push(
      'BEGIN:VEVENT',
      `UID:weekly-${i}@example.org`,
      'DTSTAMP:20261120T101010Z',
      `DTSTART;TZID=Europe/Paris:${local(first)}`,
      `DTEND;TZID=Europe/Paris:${local(first + 90 * 60_000)}`,
      'RRULE:FREQ=WEEKLY',
      `EXDATE;TZID=Europe/Paris:${exdates}`,
      `SUMMARY:Weekly coding dojo ${i}`,
      fold('DESCRIPTION:Every week we practise katas in pairs. Beginners welcome\\, laptops required.'),
      'LOCATION:Fablab\\, 12 rue des Arts\\, Paris',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

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
