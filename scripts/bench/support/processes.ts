/**
 * Process timings: each run is a fresh `node` (nothing warm, as a command line or a service worker that just
 * woke), timed from spawn to exit by the parent, its output kept for what it measured of itself. Contenders run in
 * interleaved rounds (A B C, A B C, …) so a machine whose load changes meanwhile skews them alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../../run-built.mjs';

export interface ProcessRun {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
}

/** Milliseconds per run of each command, by name; a failing run throws with its stderr. */
export function timeProcesses(runs: readonly ProcessRun[], rounds: number): Map<string, number[]> {
  return new Map([...runProcesses(runs, rounds)].map(([name, timed]) => [name, timed.map((run) => run.wallMs)]));
}

export interface TimedProcess {
  /** Spawn to exit, as the parent saw it. */
  wallMs: number;
  /** What the process printed: figures it measured from inside itself. */
  stdout: string;
}

/** Each run of each command, by name, in round order; a failing run throws with its stderr. */
export function runProcesses(runs: readonly ProcessRun[], rounds: number): Map<string, TimedProcess[]> {
  const timed = new Map<string, TimedProcess[]>(runs.map((run) => [run.name, []]));
  // One untimed run each first: the file cache then holds every command's files.
  for (let round = -1; round < rounds; round++) {
    for (const run of runs) {
      const started = performance.now();
      const result = spawnSync(run.command, run.args, { cwd: run.cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      const wallMs = performance.now() - started;
      if (result.status !== 0) throw new Error(`${run.name} exited with ${result.status}: ${result.stderr.trim().split('\n').slice(-3).join(' / ')}`);
      if (round >= 0) timed.get(run.name)!.push({ wallMs, stdout: result.stdout });
    }
  }
  return timed;
}

/**
 * Bundles each entry with esbuild for Node, as `npm run events` runs (scripts/run-built.mjs), into a fresh
 * temporary directory: the timed processes run plain JavaScript, so no TypeScript compiler is in the figures. Returns entry name → bundle path.
 */
export async function bundleForNode(entries: Record<string, string>): Promise<Record<string, string>> {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-'));
  await build({
    ...nodeBundleOptions(),
    entryPoints: entries,
    outdir,
    outExtension: { '.js': '.mjs' },
    // node-ical and its dependencies are CommonJS: bundled into an ES module, they still require() Node's own.
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, join(outdir, `${name}.mjs`)]));
}
