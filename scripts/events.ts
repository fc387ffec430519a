/**
 * `npm run --silent events -- <file-or-URL> [options]`: the extension's feed pipeline on the command line.
 * Parse the arguments, build the options, run; exit 2 for usage mistakes, 1 when the feed cannot be read.
 */
import { open, readFile } from 'node:fs/promises';
import { tooLarge } from '../lib/feeds/body';
import { parseEventsArgs, usage, UsageError } from './cli/args';
import { errorLines, runEvents, type CliIo } from './cli/run-events';
import { GROUPS_NEAR_USAGE, parseGroupsNearArgs, runGroupsNear, wantsGroupsNear } from './cli/run-groups-near';
import { loadNodeGazetteer } from './cli/city';
import { DISCOVER_USAGE, parseDiscoverArgs, runDiscover, wantsDiscover } from './cli/run-discover';

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  async readFile(path, limitBytes) {
    // Check the size before reading, so a huge file is refused without loading it.
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > limitBytes) throw tooLarge(limitBytes);
    } finally {
      await handle.close();
    }
    return readFile(path);
  },
  async readStdin(limitBytes) {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of process.stdin) {
      total += (chunk as Buffer).byteLength;
      if (total > limitBytes) throw tooLarge(limitBytes);
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  },
  fetch: (...args) => fetch(...args),
  now: () => Date.now(),
};

async function main(argv: string[]): Promise<number> {
  if (wantsDiscover(argv)) return discover(argv);
  if (wantsGroupsNear(argv)) return groupsNear(argv);
  let parsed;
  try {
    parsed = parseEventsArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`events: ${error.message}\nTry --help for usage.\n`);
    return 2;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  return runEvents(parsed.options, nodeIo);
}

/**
 * A subcommand of `events` (`--discover`, `--groups-near`): a usage mistake exits 2 with its usage, `--help`
 * prints the usage, anything else runs.
 */
async function subcommand<O>(argv: string[], parse: (argv: string[]) => O | 'help', usageText: string, run: (options: O) => Promise<number>): Promise<number> {
  let options: O | 'help';
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`events: ${error.message}\n${usageText}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${usageText}\n`);
    return 0;
  }
  return run(options);
}

/** `--discover <page-URL-or-file>`: the feeds a page offers, as the popup finds them. */
const discover = (argv: string[]) => subcommand(argv, parseDiscoverArgs, DISCOVER_USAGE, (options) => runDiscover(options, nodeIo));

/** `--groups-near "CITY"`: the directory's groups near a city, as the options page suggests them. */
const groupsNear = (argv: string[]) =>
  subcommand(argv, parseGroupsNearArgs, GROUPS_NEAR_USAGE, (options) => runGroupsNear(options, { ...nodeIo, loadGazetteer: loadNodeGazetteer }));

// `npm run events … | head` closes the pipe before all is written: stop quietly, as command-line tools do,
// instead of crashing with an EPIPE stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${errorLines(error)}\n`);
    process.exitCode = 1;
  },
);
