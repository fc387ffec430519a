/**
 * Command line: `npm run --silent events -- <two-event feed>` as a person types it, whole process, against a
 * bare `node -e 0`, in interleaved rounds. `npm run events` runs the esbuild bundle of scripts/events.ts
 * (scripts/run-built.mjs); the untimed first round builds it if a source changed.
 */
import { resolve } from 'node:path';
import { bundlePaths } from '../run-built.mjs';
import { timeProcesses } from './support/processes';
import { median, verdict } from './support/report';

const ROUNDS = 9;
const ROOT = resolve(import.meta.dirname, '../..');
const FEED = 'tests/fixtures/ical/luma.ics';

export default async function cliBench(): Promise<void> {
  const bundle = bundlePaths('scripts/events.ts').bundle;
  const runs = [
    { name: 'npm run --silent events', command: 'npm', args: ['run', '--silent', 'events', '--', FEED, '--from', '2026-11-01'], cwd: ROOT },
    { name: 'node -e 0', command: process.execPath, args: ['-e', '0'] },
    { name: 'node <bundle> (no npm)', command: process.execPath, args: [bundle, FEED, '--from', '2026-11-01'], cwd: ROOT },
  ];
  const times = timeProcesses(runs, ROUNDS);
  const ms = Object.fromEntries(runs.map((run) => [run.name, median(times.get(run.name)!)]));
  console.log(`\n## Command line — ${FEED} (two events), whole process, medians of ${ROUNDS} interleaved rounds`);
  for (const run of runs) console.log(`${run.name.padEnd(26)} ${ms[run.name]!.toFixed(0).padStart(5)} ms`);
  const ratio = ms['npm run --silent events']! / ms['node -e 0']!;
  console.log(verdict(ratio <= 5, '`npm run --silent events` within 5x of `node -e 0`', `${ratio.toFixed(1)}x`));
}
