import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetupEvent } from '../../../lib/events';
import type { EventsCliOptions } from '../../../scripts/cli/args';
import { formatEventLine, formatWhen, runEvents, type CliIo } from '../../../scripts/cli/run-events';
import { fixturePath, fixtureText, NOW } from './json-fixtures';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function fakeIo(overrides: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: async (path) => new Uint8Array(await readFile(path)),
    readStdin: async () => new TextEncoder().encode(fixtureText('json/gancio-events.json')),
    fetch: (...args) => fetch(...args),
    now: () => NOW,
    ...overrides,
  };
  return { io, out, err };
}

const base: EventsCliOptions = { source: '', from: null, to: null, tz: 'Europe/Paris', format: 'auto', json: false };

describe('runEvents (in process)', () => {
  it('prints one readable line per event, sorted, in the chosen zone, with a summary on stderr', async () => {
    const { io, out, err } = fakeIo();
    const code = await runEvents({ ...base, source: fixturePath('json/caencamp-api.json') }, io);
    expect(code).toBe(0);
    expect(out.join('\n').split('\n')).toEqual([
      'Wed 2026-11-25 18:30–21:00   CaenCamp #74 : Les Web Components en 2026 · Le Dôme, 3 esplanade Stéphane Hessel, 14000 Caen, Normandie, FR',
      'Wed 2026-12-09 18:30–20:30   CaenCamp #75 : Atelier Rust (en ligne) · online',
      'Wed 2026-12-16 18:30         CaenCamp #76 : annulé · Le Dôme, 3 esplanade Stéphane Hessel, 14000 Caen [CANCELLED]',
    ]);
    expect(err.join('\n')).toBe(
      'warning: Skipped event 4 ("CaenCamp #77 : date à venir"): unreadable start date "bientôt"\n3 events (jsonld) between 2026-11-19 and 2027-05-19, times in Europe/Paris',
    );
  });

  it('prints times in --tz', async () => {
    const { io, out } = fakeIo();
    await runEvents({ ...base, tz: 'America/Los_Angeles', source: fixturePath('json/caencamp-api.json') }, io);
    expect(out[0]!.split('\n')[0]).toMatch(/^Wed 2026-11-25 09:30–12:00 /);
  });

  it('--json prints the MeetupEvent objects, UTC instants and plain dates', async () => {
    const { io, out } = fakeIo();
    const code = await runEvents({ ...base, json: true, source: fixturePath('json/jsonld-graph.json') }, io);
    expect(code).toBe(0);
    const events = JSON.parse(out.join('')) as MeetupEvent[];
    expect(events.map((e) => [e.title, e.start, e.end, e.allDay, e.timeZone])).toEqual([
      ['Apéro dev de décembre', '2026-12-03T18:00:00Z', '2026-12-03T21:00:00Z', false, 'Europe/Paris'],
      ["Hack'n'Lyon 2026", '2026-12-12', '2026-12-14', true, null],
    ]);
    for (const key of ['id', 'uid', 'title', 'start', 'end', 'allDay', 'timeZone', 'status', 'online', 'location', 'url', 'description']) {
      expect(events[0]).toHaveProperty(key);
    }
  });

  // --tz is an explicit choice, like the extension's per-feed zone: it wins over the feed's X-WR-TIMEZONE.
  // Without it, the printing zone (system or --city) is only the default below the feed's own zone.
  it.each<[string, Partial<EventsCliOptions>, string, string]>([
    ['without --tz: the feed declares New York', { tz: 'Europe/Paris', tzGiven: false }, '2026-12-11T00:00:00Z', 'America/New_York'],
    ['--tz Europe/Paris: Paris', { tz: 'Europe/Paris', tzGiven: true }, '2026-12-10T18:00:00Z', 'Europe/Paris'],
    ['--tz Asia/Tokyo: Tokyo', { tz: 'Asia/Tokyo', tzGiven: true }, '2026-12-10T10:00:00Z', 'Asia/Tokyo'],
  ])('floating times of a feed with X-WR-TIMEZONE, %s', async (_label, zone, start, timeZone) => {
    const { io, out } = fakeIo();
    const code = await runEvents({ ...base, ...zone, json: true, source: fixturePath('ical/google-floating.ics') }, io);
    expect(code).toBe(0);
    const event = (JSON.parse(out.join('')) as MeetupEvent[]).find((e) => e.uid === '1a2b3c4d5e6f@google.com');
    expect(event).toMatchObject({ start, timeZone });
  });

  it('reads stdin for "-"', async () => {
    const { io, out } = fakeIo();
    expect(await runEvents({ ...base, source: '-', json: true }, io)).toBe(0);
    expect((JSON.parse(out.join('')) as MeetupEvent[]).map((e) => e.title)).toEqual(['Install party GNU/Linux', 'Atelier vie privée en ligne', 'Festival des communs']);
  });

  it.each([
    ['missing.ics', 'events: Cannot read missing.ics: no such file'],
    [fixturePath('html/no-events.html'), expect.stringMatching(/^events: This is an HTML page with no events in it \(/)],
    ['ftp://example.org/a.ics', 'events: Only http, https and webcal addresses can be read (got ftp:)'],
  ])('%s fails with exit 1 and a short message', async (source, message) => {
    const { io, out, err } = fakeIo();
    expect(await runEvents({ ...base, source }, io)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual([message]);
  });
});

describe('runEvents over HTTP (real fetch, local server)', () => {
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/agenda') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(fixtureText('html/meetup-page.html'));
      } else if (req.url === '/latin1.json') {
        res.writeHead(200, { 'content-type': 'application/json; charset=iso-8859-1' });
        res.end(Buffer.from('[{"title":"Soir\u00e9e","start":"2026-12-01T18:00:00Z"}]', 'latin1'));
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not here');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('resolves relative links against the page URL and honours the charset', async () => {
    const page = fakeIo();
    expect(await runEvents({ ...base, json: true, source: `${origin}/agenda` }, page.io)).toBe(0);
    expect((JSON.parse(page.out.join('')) as MeetupEvent[])[0]!.url).toBe(`${origin}/e/42`);
    const latin = fakeIo();
    expect(await runEvents({ ...base, json: true, source: `${origin}/latin1.json` }, latin.io)).toBe(0);
    expect((JSON.parse(latin.out.join('')) as MeetupEvent[])[0]!.title).toBe('Soirée');
  });

  it('an HTTP error is one line and exit 1', async () => {
    const { io, err } = fakeIo();
    expect(await runEvents({ ...base, source: `${origin}/nope` }, io)).toBe(1);
    expect(err).toEqual([`events: HTTP 404 Not Found from ${origin.slice('http://'.length)}`]);
  });
});

describe('line format', () => {
  const event = (over: Partial<MeetupEvent>): MeetupEvent => ({
    id: 'x', uid: 'x', feedId: 'f', title: 'T', start: '2026-12-01T18:00:00Z', end: null, allDay: false, timeZone: null,
    status: 'confirmed', online: false, onlineUrl: null, location: null, place: null, url: null, description: null, image: null, categories: [], ...over,
  });

  it.each([
    [{ start: '2026-12-05', end: '2026-12-06', allDay: true }, 'Sat 2026-12-05 all day'],
    [{ start: '2026-12-05', end: '2026-12-08', allDay: true }, 'Sat 2026-12-05 → 2026-12-07'],
    [{ start: '2026-12-01T18:00:00Z', end: '2026-12-01T20:00:00Z' }, 'Tue 2026-12-01 19:00–21:00'],
    [{ start: '2026-12-01T22:00:00Z', end: '2026-12-02T08:00:00Z' }, 'Tue 2026-12-01 23:00 → 2026-12-02 09:00'],
  ])('%j → %s', (over, expected) => {
    expect(formatWhen(event(over), 'Europe/Paris')).toBe(expected);
  });

  it('shows online, tentative and location together', () => {
    expect(formatEventLine(event({ status: 'tentative', online: true, location: 'HQ' }), 'UTC')).toBe('Tue 2026-12-01 18:00         T · HQ + online [tentative]');
    expect(formatEventLine(event({ online: true, location: 'Online event' }), 'UTC')).toBe('Tue 2026-12-01 18:00         T · Online event');
    expect(formatEventLine(event({ online: true, location: 'https://zoom.us/j/123' }), 'UTC')).toBe('Tue 2026-12-01 18:00         T · https://zoom.us/j/123');
  });
});

/** The real command, as `npm run events` runs it (the esbuild bundle, rebuilt first if a source changed). */
function spawnCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/run-built.mjs', 'scripts/events.ts', ...args], { cwd: repo, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('scripts/events.ts (spawned)', () => {
  it('prints a JSON array for a fixture', async () => {
    const { code, stdout } = await spawnCli([fixturePath('json/jsonld-itemlist.json'), '--tz', 'Europe/Paris', '--from', '2026-01-01', '--to', '2027-12-31', '--json']);
    expect(code).toBe(0);
    const events = JSON.parse(stdout) as MeetupEvent[];
    expect(events.map((e) => [e.title, e.start, e.end])).toEqual([
      ['Paris JS summer picnic', '2026-06-20T10:00:00Z', null],
      ['Paris JS #120', '2026-11-26T18:00:00Z', '2026-11-26T20:30:00Z'],
      ['Paris JS #121', '2027-01-28T18:00:00Z', '2027-01-28T21:00:00Z'],
    ]);
  }, 60_000);

  it('a feed error: exit 1, at most three lines on stderr, no stack trace', async () => {
    const { code, stdout, stderr } = await spawnCli(['tests/fixtures/html/no-events.html']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n').filter((l) => !/^npm warn/i.test(l));
    expect(lines.length).toBeLessThanOrEqual(3);
    expect(lines[0]).toMatch(/^events: This is an HTML page with no events in it/);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('a reader that stops early (`| head`): exit 0, no EPIPE stack trace', async () => {
    const child = spawn(process.execPath, ['scripts/run-built.mjs', 'scripts/events.ts', 'tests/fixtures/ical/handwritten.ics', '--from', '1970-01-01', '--to', '2100-01-01', '--json'], { cwd: repo });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  }, 60_000);

  it('a usage error: exit 2 and a pointer to --help', async () => {
    const { code, stderr } = await spawnCli(['--format', 'xml', 'x.ics']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/events: --format must be one of auto, ical, json, html \(got "xml"\)\nTry --help for usage\./);
  }, 60_000);
});
