/**
 * `npm run bench`: runs every scripts/bench/*.ts module in name order. Each module's default export is an
 * `async () => void` that prints its own section, so benchmarks can be added without touching this runner.
 * `npm run bench -- parser` runs only the modules whose file name starts with one of the arguments.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const only = process.argv.slice(2);
const modules = readdirSync(dir)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
  .filter((name) => only.length === 0 || only.some((o) => name.startsWith(o)))
  .sort();

if (modules.length === 0) console.error(`No benchmark in scripts/bench matches ${only.join(', ')}.`);
for (const name of modules) {
  try {
    const module = (await import(pathToFileURL(join(dir, name)).href)) as { default?: () => Promise<void> };
    if (typeof module.default !== 'function') {
      console.error(`scripts/bench/${name}: no default export, skipped`);
      continue;
    }
    await module.default();
  } catch (error) {
    // One broken benchmark must not hide the others' numbers.
    console.error(`scripts/bench/${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
