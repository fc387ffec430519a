import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEventsArgs, UsageError } from '../../../scripts/cli/args';
import { runEvents, type CliIo } from '../../../scripts/cli/run-events';
import { loadTestGazetteer } from './load-gazetteer';

const FIXTURE = path.resolve(__dirname, '../../fixtures/location/normandy.ics');
const NOW = Date.parse('2026-11-30T12:00:00Z');

beforeAll(async () => {
  await loadTestGazetteer();
}, 120_000);

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += `${text}\n`),
    stderr: (text) => void (stderr += `${text}\n`),
    readFile: (file) => readFile(file),
    readStdin: async () => new Uint8Array(),
    fetch: () => Promise.reject(new Error('no network in tests')),
    now: () => NOW,
  };
  const parsed = parseEventsArgs([FIXTURE, ...args], NOW);
  if (parsed.kind !== 'run') throw new Error('expected a run');
  const code = await runEvents(parsed.options, io);
  return { code, stdout, stderr };
}

interface CliEvent {
  title: string;
  start: string;
  city: string | null;
  lat: number | null;
  lon: number | null;
  distanceKm: number | null;
  online: boolean;
}

describe('npm run events -- <source> --city', () => {
  it('keeps the events near Caen, each with city, lat, lon and distanceKm', async () => {
    const { code, stdout } = await run(['--city', 'Caen', '--json']);
    expect(code).toBe(0);
    const events = JSON.parse(stdout) as CliEvent[];
    expect(events.map((e) => e.title)).toEqual(['CaenCamp #90', 'Rust Normandie', 'Lunch talk', 'Apéro code (floating time)']);
    expect(events[0]).toMatchObject({ city: 'Caen', distanceKm: 0 });
    expect(events[1]).toMatchObject({ city: 'Hérouville-Saint-Clair', lat: 49.2109, lon: -0.3065, distanceKm: 4.7 });
    expect(events[2]).toMatchObject({ city: null, lat: null, lon: null, distanceKm: null, online: true });
  });

  it('reads floating times in the city’s zone, whatever the machine’s zone', async () => {
    const caen = JSON.parse((await run(['--city', 'Caen', '--json'])).stdout) as CliEvent[];
    expect(caen.find((e) => e.title.startsWith('Apéro'))?.start).toBe('2026-12-08T17:30:00Z');
    const { stdout } = await run(['--city', 'Caen', '--tz', 'America/New_York', '--json']);
    expect((JSON.parse(stdout) as CliEvent[]).find((e) => e.title.startsWith('Apéro'))?.start).toBe('2026-12-08T23:30:00Z');
  });

  it('--radius 30 --no-online', async () => {
    const events = JSON.parse((await run(['--city', 'Caen, FR', '--radius', '30', '--no-online', '--json'])).stdout) as CliEvent[];
    expect(events.map((e) => e.title)).toEqual(['CaenCamp #90', 'Rust Normandie', 'Bayeux Devs', 'Apéro code (floating time)']);
    expect(events.find((e) => e.title === 'Bayeux Devs')?.distanceKm).toBeCloseTo(27, 0);
  });

  it('a far city keeps only the online event', async () => {
    const events = JSON.parse((await run(['--city', 'Paris, Texas', '--json'])).stdout) as CliEvent[];
    expect(events.map((e) => e.title)).toEqual(['Lunch talk']);
  });

  it('prints how many are near in text mode', async () => {
    const { stderr } = await run(['--city', 'Caen']);
    expect(stderr).toContain('4 near Caen, Normandie, FR (25 km, online included)');
  });

  it('an unknown city is a clear error (exit 2) listing the closest names', async () => {
    const { code, stdout, stderr } = await run(['--city', 'Cean']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toMatch(/^events: Unknown city "Cean"\. Closest names: Caen, Normandie, FR; /);
  });

  it.each([
    [['--radius', '20'], /--radius and --no-online need --city/],
    [['--city', 'Caen', '--radius', 'far'], /--radius needs a distance in km/],
    [['--city', 'Caen', '--radius', '-3'], /--radius needs a distance in km/],
  ])('usage mistakes: %o', (args, message) => {
    expect(() => parseEventsArgs([FIXTURE, ...args], NOW)).toThrow(UsageError);
    expect(() => parseEventsArgs([FIXTURE, ...args], NOW)).toThrow(message);
  });
});
