/**
 * `npm run --silent events -- FILE --json` on each real-export shape (tests/fixtures/real-exports/): the CLI runs
 * the worker's pipeline, so what it prints is what the extension stores.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MeetupEvent } from '../../../lib/events';
import { parseEventsArgs } from '../../../scripts/cli/args';
import { runEvents, type CliIo } from '../../../scripts/cli/run-events';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => `tests/fixtures/real-exports/${name}`;
const NOW = Date.parse('2026-12-01T12:00:00Z');

async function cliJson(args: string[]): Promise<{ events: MeetupEvent[]; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: async (path) => new Uint8Array(await readFile(`${repo}${path}`)),
    readStdin: async () => new Uint8Array(),
    fetch: () => Promise.reject(new Error('no network in tests')),
    now: () => NOW,
  };
  const parsed = parseEventsArgs([...args, '--json'], NOW);
  if (parsed.kind !== 'run') throw new Error('not a run');
  expect(await runEvents(parsed.options, io)).toBe(0);
  return { events: JSON.parse(out.join('\n')) as MeetupEvent[], stderr: err.join('\n') };
}

const brief = (e: MeetupEvent) => [e.title, e.start, e.end];
const PARIS_2027 = ['--tz', 'Europe/Paris', '--from', '2027-01-01', '--to', '2027-12-31'];

describe('events --json on real-export shapes', () => {
  it.each<[string, string[], (events: MeetupEvent[], stderr: string) => void]>([
    ['zimbra-two-rrules.ics', PARIS_2027, (events) => {
      expect(events.map((e) => e.start)).toEqual(['2027-01-04T18:00:00Z', '2027-01-07T18:00:00Z', '2027-01-11T18:00:00Z', '2027-01-14T18:00:00Z', '2027-01-18T18:00:00Z']);
    }],
    ['leap-day-and-31st.ics', ['--tz', 'Europe/Paris', '--from', '2024-01-01', '--to', '2033-12-31'], (events) => {
      expect(events.filter((e) => e.title === 'Leap-day party').map((e) => e.start)).toEqual(['2024-02-29', '2028-02-29', '2032-02-29']);
      expect(events.filter((e) => e.title === 'Month-end retro').map((e) => e.start.slice(0, 10))).toEqual(['2027-01-31', '2027-03-31', '2027-05-31', '2027-07-31', '2027-08-31']);
    }],
    ['date-with-time.ics', PARIS_2027, (events, stderr) => {
      expect(events.map((e) => [...brief(e), e.allDay])).toEqual([
        ['Lightning talks', '2027-03-15T18:00:00Z', '2027-03-15T20:30:00Z', false],
        ['Tech fest', '2027-03-20', '2027-03-22', true],
      ]);
      expect(stderr).toMatch(/time of day inside a date value/);
    }],
    ['exchange-byday-spaces.ics', PARIS_2027, (events, stderr) => {
      expect(events.map((e) => e.start)).toEqual(['2027-01-04T08:00:00Z', '2027-01-05T08:00:00Z', '2027-01-06T08:00:00Z', '2027-01-11T08:00:00Z', '2027-01-12T08:00:00Z', '2027-01-13T08:00:00Z']);
      expect(events.every((e) => e.online && e.timeZone === 'Europe/Paris')).toBe(true);
      expect(stderr).toBe('');
    }],
    ['republished-sequence.ics', PARIS_2027, (events) => {
      expect(events.map(brief)).toEqual([['Rust meetup', '2027-01-05T18:00:00Z', '2027-01-05T20:00:00Z'], ['Rust meetup', '2027-01-26T18:00:00Z', '2027-01-26T20:00:00Z']]);
    }],
    ['window-end.ics', ['--tz', 'Europe/Paris', '--from', '2027-03-01', '--to', '2027-03-15T19:00'], (events) => {
      expect(events.map((e) => e.title)).toEqual(['Starts an hour before --to']);
    }],
    ['window-end.ics', ['--tz', 'Europe/Paris', '--from', '2027-03-01', '--to', '2027-03-15'], (events) => {
      expect(events.map((e) => e.title)).toEqual(['Starts an hour before --to', 'Starts at --to']);
    }],
    ['bare-vevent.ics', PARIS_2027, (events, stderr) => {
      expect(events.map(brief)).toEqual([['Meetup de mars', '2027-03-15T17:30:00Z', '2027-03-15T20:00:00Z'], ["Meetup d'avril", '2027-04-12T16:30:00Z', null]]);
      expect(stderr).toBe('warning: No VCALENDAR around the events: read them as a calendar.');
    }],
    ['handwritten-list.json', PARIS_2027, (events) => {
      expect(events.map((e) => [e.uid, e.start, e.end, e.location, e.url])).toEqual([
        ['py-2027-02', '2027-02-02T18:00:00Z', '2027-02-02T20:00:00Z', 'Le WIP, 1 rue Charles Tellier, 14460 Colombelles', null],
        ['js-2027-02', '2027-02-09T18:00:00Z', '2027-02-09T20:00:00Z', 'La Grande Halle, rue de la Côte, 14460 Colombelles', null],
        ['go-2027-02', '2027-02-11T18:30:00Z', null, null, null],
        ['cc-2027-02', '2027-02-17T17:30:00Z', '2027-02-17T20:00:00Z', 'Le Dôme', 'https://www.caencamp.fr/talks/81'],
        ['data-2027-02', '2027-02-24T18:00:00Z', '2027-02-24T20:00:00Z', 'Le Bar Ouf, Caen', null],
      ]);
      expect(events[0]!.place).toMatchObject({ name: 'Le WIP', postalCode: '14460', locality: 'Colombelles' });
    }],
    ['online-or-in-person.ics', PARIS_2027, (events) => {
      expect(events.map((e) => [e.title, e.online, e.onlineUrl, e.place === null])).toEqual([
        ['Caen JS: online talk', true, null, true],
        ['AI Normandie: apéro', false, null, false],
        ['AI Normandie: webinar', true, 'https://luma.com/ai-normandie-webinar', true],
        ['Remote pairing', true, 'https://us02web.zoom.us/j/84512345678', true],
        ['Hybrid talk', true, 'https://meet.jit.si/CaenHybrid', false],
      ]);
    }],
    ['entities.ics', PARIS_2027, (events) => {
      expect(events.map((e) => [e.title, e.location, e.description])).toEqual([
        ['Rust Köln – Frühjahrstreffen', 'Café Ångström, Köln', 'Grüße aus Köln … wir treffen uns im Café Ångström.'],
      ]);
    }],
  ])('%s %j', async (name, args, check) => {
    const { events, stderr } = await cliJson([fixture(name), ...args]);
    check(events, stderr);
  });
});

describe('the real command', () => {
  it('npm run --silent events -- <bare VEVENT file> --json', async () => {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile('npm', ['run', '--silent', 'events', '--', fixture('bare-vevent.ics'), '--from', '2027-01-01', '--to', '2027-12-31', '--json'], { cwd: repo }, (error, stdout, stderr) =>
        error ? reject(error) : resolve({ stdout, stderr }));
    });
    expect((JSON.parse(stdout) as MeetupEvent[]).map((e) => e.title)).toEqual(['Meetup de mars', "Meetup d'avril"]);
    expect(stderr).toContain('No VCALENDAR around the events');
  }, 60_000);
});
