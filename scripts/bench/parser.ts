/**
 * Parser benchmark (issue 2): a 2.3 MB feed — 5,000 one-off events in Europe/Paris with a VTIMEZONE and 200
 * weekly recurring events with EXDATEs — read by our parseICal, node-ical, the plain ical.js loop
 * (ICAL.Event + iterator() per event) and bare ICAL.parse, over the same 180-day window.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { parseICal } from '../../lib/feeds/ical';

const WINDOW_FROM = Date.parse('2026-12-01T00:00:00Z');
const WINDOW_TO = WINDOW_FROM + 180 * 86_400_000;

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
  peakRssMb: number;
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
      const rssBefore = process.resourceUsage().maxRSS;
      const t0 = performance.now();
      c.events = c.run();
      c.times.push(performance.now() - t0);
      c.heapMb = Math.max(c.heapMb, (process.memoryUsage().heapUsed - heapBefore) / 1048576);
      c.peakRssMb = Math.max(c.peakRssMb, (process.resourceUsage().maxRSS - rssBefore) / 1024);
    }
  }
  return state.map((c) => {
    const sorted = [...c.times].sort((a, b) => a - b);
    return { name: c.name, ms: sorted[Math.floor(sorted.length / 2)]!, events: c.events, heapMb: c.heapMb, peakRssMb: c.peakRssMb };
  });
}

export default async function parserBench(): Promise<void> {
  const text = generateFeed();
  console.log(`\n## Parser — ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB feed, 5,000 one-off + 200 weekly events, window 180 days`);
  const options = { feedId: 'bench', from: WINDOW_FROM, to: WINDOW_TO, now: WINDOW_FROM };
  const rows = measure([
    { name: 'ICAL.parse (bare)', run: () => (ICAL.parse(text) as unknown[]).length },
    { name: 'parseICal (ours)', run: () => parseICal(text, options).events.length },
    { name: 'node-ical sync.parseICS', run: () => Object.keys(nodeIcal.sync.parseICS(text)).length },
    { name: 'plain ical.js loop', run: () => plainIcalLoop(text), rounds: 1 },
  ], 7);

  const [bare, ours, node, plain] = rows as [Row, Row, Row, Row];
  console.log('| reader | median ms | items | max heap Δ MB | peak RSS Δ MB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(`| ${row.name} | ${row.ms.toFixed(0)} | ${row.events} | ${row.heapMb.toFixed(1)} | ${row.peakRssMb.toFixed(1)} |`);
  }
  const vsNode = node.ms / ours.ms;
  const vsBare = ours.ms / bare.ms;
  console.log(`\n- ${vsNode >= 3 ? 'PASS' : 'FAIL'} ≥ 3x faster than node-ical: ${vsNode.toFixed(1)}x`);
  console.log(`- ${vsBare <= 2.5 ? 'PASS' : 'FAIL'} within 2.5x of bare ICAL.parse: ${vsBare.toFixed(2)}x`);
  console.log(`- (info) ${(plain.ms / ours.ms).toFixed(1)}x faster than the plain ical.js loop`);
  console.log('- heap Δ: largest heap growth during one run (GC forced before each run, garbage counts); peak RSS Δ: how much one run');
  console.log('  raised the process peak (0 when an earlier run had already reached it). Interleaved rounds, medians.');
}
