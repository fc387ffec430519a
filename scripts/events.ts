/**
 * `npm run --silent events -- <file-or-URL> [options]`: the extension's feed pipeline on the command line.
 * Parse the arguments, build the options, run; exit 2 for usage mistakes, 1 when the feed cannot be read.
 */
import { open, readFile } from 'node:fs/promises';
import { tooLarge } from '../lib/feeds/body';
import { parseEventsArgs, usage, UsageError } from './cli/args';
import { errorLines, runEvents, type CliIo } from './cli/run-events';

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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${errorLines(error)}\n`);
    process.exitCode = 1;
  },
);
