/**
 * `npm run directory:check [-- --cache FILE]`: fetches every feed of lib/directory/groups.json (run it
 * online) and lists the dead and empty ones. The validators cache lives outside git, in node_modules/.cache.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledDirectory } from '../../lib/directory/bundled-directory';
import { checkFeeds, formatChecks, type CheckCache } from './check-feeds';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_CACHE = path.join(ROOT, 'node_modules/.cache/local-meetups/directory-check.json');

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf('--cache');
  const cacheFile = at >= 0 && argv[at + 1] ? path.resolve(argv[at + 1]!) : DEFAULT_CACHE;
  const cache = JSON.parse(await readFile(cacheFile, 'utf8').catch(() => '{}')) as CheckCache;
  const groups = bundledDirectory().groups;
  let done = 0;
  const checks = await checkFeeds(groups, {
    fetch: (url, init) => fetch(url, { ...init, redirect: 'follow' }),
    cache,
    onResult: () => {
      done++;
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${groups.length}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  await mkdir(path.dirname(cacheFile), { recursive: true });
  await writeFile(cacheFile, `${JSON.stringify(cache, null, 2)}\n`);
  process.stdout.write(`${formatChecks(checks)}\n`);
  return checks.some((c) => c.health === 'dead') ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`directory:check: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
