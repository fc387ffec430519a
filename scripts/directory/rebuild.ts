/**
 * `npm run directory -- --snapshots DIR [--out FILE]`: rebuilds lib/directory/groups.json from the source
 * snapshots the manifest pins, and prints what it did: groups per source, those left out and why, and how
 * the big cities of Europe and North America are covered.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DirectoryGroup } from '../../lib/directory/directory-schema';
import { validateDirectory } from '../../lib/directory/validate-directory';
import { loadNodeGazetteer } from '../cli/city';
import { flagLines, readFlags, UsageError, type FlagTable } from '../cli/flags';
import { buildDirectory, type BuildResult } from './build-directory';
import { bigCityCoverage, type CoverageReport } from './coverage';
import { snapshotFiles } from './source-files';
import type { Manifest } from './types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MANIFEST_FILE = path.join(ROOT, 'scripts/directory/manifest.json');
export const HAND_CHECKED_FILE = path.join(ROOT, 'scripts/directory/hand-checked.json');
export const GROUPS_FILE = path.join(ROOT, 'lib/directory/groups.json');

/** The file's bytes: two-space JSON and a final newline, keys in schema order. */
export function serializeDirectory(directory: BuildResult['directory']): string {
  return `${JSON.stringify(directory, null, 2)}\n`;
}

export function formatReport(result: BuildResult, coverage: CoverageReport, verbose: boolean): string {
  const lines: string[] = [];
  const groups = result.directory.groups;
  lines.push(`Directory ${result.directory.version}: ${groups.length} groups with distinct feeds.`, '', 'Per source (imported → placed; after merging, groups citing it):');
  for (const source of result.sources) {
    const citing = groups.filter((g) => g.sources.some((s) => s.name === source.name)).length;
    lines.push(`  ${source.name.padEnd(20)} ${String(source.imported).padStart(4)} → ${String(source.placed).padStart(4)}; ${citing} groups; ${source.dropped.length} left out, ${source.unplaced.length} unplaced`);
  }
  const handChecked = groups.filter((g) => g.sources.some((s) => s.licence === null)).length;
  lines.push(`  ${'hand-checked'.padEnd(20)} ${handChecked} groups`);
  for (const skipped of result.skippedSources) lines.push(`  not shipped: ${skipped.id}: ${skipped.reason}`);
  lines.push('', 'Unplaced groups (left out):');
  for (const source of result.sources) for (const u of source.unplaced) lines.push(`  [${source.id}] ${u.name}: ${u.reason}`);
  if (verbose) {
    lines.push('', 'Left out by the importers:');
    for (const source of result.sources) for (const d of source.dropped) lines.push(`  [${source.id}] ${d.name}: ${d.reason}`);
  }
  const total = coverage.cities.length;
  const pct = (n: number) => `${total ? Math.round((n / total) * 100) : 0}%`;
  lines.push('', `Cities of 1,000,000+ in Europe and North America: ${total}; with ≥1 group within 25 km: ${coverage.withOne} (${pct(coverage.withOne)}); with ≥3: ${coverage.withThree} (${pct(coverage.withThree)})`);
  for (const city of coverage.cities) lines.push(`  ${`${city.city}, ${city.country}`.padEnd(32)} ${String(city.groupsWithin).padStart(3)}`);
  return lines.join('\n');
}

interface RebuildArgs {
  snapshots: string;
  out: string;
  verbose: boolean;
}

const REBUILD_FLAGS: FlagTable<RebuildArgs> = {
  flags: [
    { name: '--snapshots', value: 'DIR', help: 'the pinned source files (default ../shared/directory-sources)', set: (args, dir) => (args.snapshots = path.resolve(dir)) },
    { name: '--out', value: 'FILE', help: 'where the directory is written (default lib/directory/groups.json)', set: (args, file) => (args.out = path.resolve(file)) },
    { name: '--verbose', help: 'also list what the importers left out, and why', set: (args) => (args.verbose = true) },
  ],
  positional: (_args, arg) => {
    throw new UsageError(`Unexpected argument ${arg}`);
  },
  unknown: (name) => `Unknown flag ${name}`,
};

function parseArgs(argv: readonly string[]): RebuildArgs {
  const defaults = { snapshots: path.resolve(ROOT, '../shared/directory-sources'), out: GROUPS_FILE, verbose: false };
  try {
    return readFlags(argv, defaults, REBUILD_FLAGS);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new Error(`${error.message}. Usage: npm run directory -- [--snapshots DIR] [--out FILE] [--verbose]\n${flagLines(REBUILD_FLAGS.flags).join('\n')}`);
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const gazetteer = await loadNodeGazetteer();
  const manifest = JSON.parse(await readFile(MANIFEST_FILE, 'utf8')) as Manifest;
  const handChecked = JSON.parse(await readFile(HAND_CHECKED_FILE, 'utf8')) as DirectoryGroup[];
  const result = await buildDirectory({ manifest, filesOf: (source) => snapshotFiles(args.snapshots, source), gazetteer, handChecked });
  const valid = validateDirectory(result.directory);
  if (!valid.ok) throw new Error(`The built directory does not validate: ${valid.errors.slice(0, 5).join('; ')}`);
  await writeFile(args.out, serializeDirectory(result.directory));
  const coverage = await bigCityCoverage(gazetteer, result.directory.groups);
  process.stdout.write(`${formatReport(result, coverage, args.verbose)}\n\nWrote ${path.relative(process.cwd(), args.out)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`directory: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
