/**
 * Parser benchmark (issue 2): a 2.3 MB feed — 5,000 one-off events in Europe/Paris with a VTIMEZONE and 200
 * weekly recurring events with EXDATEs — read by our parseICal, node-ical, the plain ical.js loop
 * (ICAL.Event + iterator() per event) and bare ICAL.parse, over the same 180-day window.
 */
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

function measure(name: string, runs: number, fn: () => number | string): Row {
  fn(); // warm-up: JIT and Intl caches, as in a long-lived worker
  const times: number[] = [];
  let events: number | string = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.resourceUsage().maxRSS;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    events = fn();
    times.push(performance.now() - t0);
  }
  const heapAfter = process.memoryUsage().heapUsed;
  times.sort((a, b) => a - b);
  return {
    name,
    ms: times[Math.floor(times.length / 2)]!,
    events,
    heapMb: (heapAfter - heapBefore) / 1048576,
    peakRssMb: (process.resourceUsage().maxRSS - rssBefore) / 1024,
  };
}

export default async function parserBench(): Promise<void> {
  const text = generateFeed();
  console.log(`\n## Parser — ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB feed, 5,000 one-off + 200 weekly events, window 180 days`);
  const options = { feedId: 'bench', from: WINDOW_FROM, to: WINDOW_TO, now: WINDOW_FROM };
  const rows: Row[] = [];
  rows.push(measure('ICAL.parse (bare)', 5, () => (ICAL.parse(text) as unknown[]).length));
  rows.push(measure('parseICal (ours)', 5, () => parseICal(text, options).events.length));
  rows.push(measure('node-ical sync.parseICS', 3, () => Object.keys(nodeIcal.sync.parseICS(text)).length));
  rows.push(measure('plain ical.js loop', 1, () => plainIcalLoop(text)));

  const [bare, ours, node, plain] = rows as [Row, Row, Row, Row];
  console.log('| reader | median ms | items | heap Δ MB | peak RSS Δ MB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(`| ${row.name} | ${row.ms.toFixed(0)} | ${row.events} | ${row.heapMb.toFixed(1)} | ${row.peakRssMb.toFixed(1)} |`);
  }
  const vsNode = node.ms / ours.ms;
  const vsBare = ours.ms / bare.ms;
  console.log(`\n- ${vsNode >= 3 ? 'PASS' : 'FAIL'} ≥ 3x faster than node-ical: ${vsNode.toFixed(1)}x`);
  console.log(`- ${vsBare <= 2.5 ? 'PASS' : 'FAIL'} within 2.5x of bare ICAL.parse: ${vsBare.toFixed(2)}x`);
  console.log(`- (info) ${(plain.ms / ours.ms).toFixed(1)}x faster than the plain ical.js loop`);
  console.log('- heap Δ: heap growth over the timed runs (no forced GC); peak RSS Δ: growth of the process peak during them.');
}
