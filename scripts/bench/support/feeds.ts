/**
 * Feeds the benchmarks read: the parser bench's 2.3 MB feed (5,000 one-off events in Europe/Paris with a
 * VTIMEZONE and 200 weekly recurring events with EXDATEs), a typical ~40 KB Meetup export, and a one-event feed
 * whose whole-process time is subtracted from the others (start-up and module loading, not reading).
 */
import { WINDOW_AHEAD_MS } from '../../../lib/upcoming/window';

export const WINDOW_FROM = Date.parse('2026-12-01T00:00:00Z');
export const WINDOW_TO = WINDOW_FROM + WINDOW_AHEAD_MS;

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

/**
 * A group's Meetup export as Meetup writes it (tests/fixtures/ical/meetup.ics): its VTIMEZONE, then events with
 * long folded HTML-ish descriptions, GEO, venue text, CREATED/LAST-MODIFIED — past ones first, as Meetup lists
 * them. Grows event by event, one every `everyMs` (weekly), until it reaches `targetBytes`.
 */
export function generateMeetupFeed(targetBytes = 40_000, pastEvents = 10, everyMs = 7 * 86_400_000): string {
  const head = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Meetup//RemoteApi//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    'X-ORIGINAL-URL:https://www.meetup.com/paris-rust-meetup/events/ical/', 'X-WR-CALNAME:Events - Paris Rust Meetup',
    'X-MS-OLK-FORCEINSPECTOROPEN:TRUE', ...PARIS_VTIMEZONE,
  ];
  const events: string[] = [];
  let bytes = head.join('\r\n').length;
  for (let i = 0; i === 0 || bytes < targetBytes; i++) {
    const id = 312345678 + i * 17;
    const startWall = WINDOW_FROM + (i - pastEvents) * everyMs + 19 * 3_600_000;
    const lines = [
      'BEGIN:VEVENT',
      'DTSTAMP:20261120T093012Z',
      `DTSTART;TZID=Europe/Paris:${local(startWall)}`,
      `DTEND;TZID=Europe/Paris:${local(startWall + 150 * 60_000)}`,
      i % 23 === 5 ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
      `SUMMARY:Rust Paris #${40 + i} - Async traits in practice`,
      fold(
        `DESCRIPTION:Paris Rust Meetup\\nTuesday at 7:00 PM\\n\\nCome for two talks about <b>async traits</b> &amp; embedded ` +
          `Rust. Doors open at 18:45. Bring your laptop if you want to follow the live coding part\\, and stay for ` +
          `drinks afterwards: our host offers pizza and soft drinks. Talks are in French or English depending on the ` +
          `speaker\\; slides are shared after the event. Code of conduct: https://berlincodeofconduct.org/ ...\\n\\n` +
          `https://www.meetup.com/paris-rust-meetup/events/${id}/`,
      ),
      'CLASS:PUBLIC',
      'CREATED:20261001T120000Z',
      'GEO:48.8698;2.3785',
      fold('LOCATION:Le Wagon (16 Villa Gaudelet\\, Paris\\, France 75011)'),
      `URL:https://www.meetup.com/paris-rust-meetup/events/${id}/`,
      'LAST-MODIFIED:20261020T120000Z',
      `UID:event_${id}@meetup.com`,
      'END:VEVENT',
    ].join('\r\n');
    events.push(lines);
    bytes += lines.length + 2;
  }
  return [...head, ...events, 'END:VCALENDAR', ''].join('\r\n');
}

/**
 * One upcoming event, read all the way to the result: what a reader costs before the size of the feed counts
 * (process, modules, compiling and first calls of everything an event goes through).
 */
export function generateTinyFeed(): string {
  return generateMeetupFeed(1, 0);
}
