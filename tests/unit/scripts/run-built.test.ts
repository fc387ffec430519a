import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bundlePaths, freshBundle } from '../../../scripts/run-built.mjs';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../../..');

/** A tiny project: an entry that imports a module and reports where it thinks it lives. */
function project(): { root: string; cacheDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'run-built-'));
  mkdirSync(join(root, 'lib'));
  writeFileSync(join(root, 'lib', 'word.ts'), "export const word: string = 'first';\n");
  writeFileSync(
    join(root, 'main.ts'),
    "import { word } from './lib/word';\nexport const out = `${word} ${import.meta.url} ${import.meta.dirname}`;\n",
  );
  return { root, cacheDir: join(root, 'cache') };
}

async function outOf(bundle: string): Promise<string> {
  // A fresh URL each time: the module cache would otherwise hand back the first bundle.
  const module = (await import(`${pathToFileURL(bundle).href}?${Math.random()}`)) as { out: string };
  return module.out;
}

describe('run-built', () => {
  it('builds once, then reuses the bundle while no source changed', async () => {
    const { root, cacheDir } = project();
    const first = await freshBundle('main.ts', { root, cacheDir });
    const written = readFileSync(first, 'utf8');
    writeFileSync(first, `${written}\n// untouched\n`);
    const second = await freshBundle('main.ts', { root, cacheDir });
    expect(second).toBe(first);
    expect(readFileSync(second, 'utf8')).toContain('// untouched');
  });

  it('rebuilds when an imported source changes, as after editing lib/', async () => {
    const { root, cacheDir } = project();
    expect(await outOf(await freshBundle('main.ts', { root, cacheDir }))).toMatch(/^first /);
    writeFileSync(join(root, 'lib', 'word.ts'), "export const word: string = 'second';\n");
    // Same size, and a clock that might not tick between the two writes: the modification time is set apart.
    utimesSync(join(root, 'lib', 'word.ts'), new Date(), new Date(Date.now() + 5_000));
    expect(await outOf(await freshBundle('main.ts', { root, cacheDir }))).toMatch(/^second /);
  });

  it('keeps import.meta pointing at the source file, wherever the bundle is', async () => {
    const { root, cacheDir } = project();
    const out = await outOf(await freshBundle('main.ts', { root, cacheDir }));
    expect(out).toBe(`first ${pathToFileURL(join(root, 'main.ts')).href} ${root}`);
    expect(bundlePaths('main.ts', cacheDir).bundle.startsWith(cacheDir)).toBe(true);
  });

  it('runs `npm run events` with the arguments tsx would pass', async () => {
    const { stdout, stderr } = await run('node', ['scripts/run-built.mjs', 'scripts/events.ts', 'tests/fixtures/ical/luma.ics', '--from', '2026-11-01', '--to', '2027-01-01', '--tz', 'UTC'], { cwd: repo });
    expect(stdout).toContain('AI Builders Night');
    expect(stderr).toMatch(/^2 events in "Paris AI Builders" \(ical\)/m);
    // The gazetteer's "run me directly" check must not fire inside the bundle.
    expect(stderr).not.toContain('gazetteer');
  }, 60_000);
});
