/** lib/ runs in the extension: code that needs Node (files, paths, processes) lives in scripts/. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const NODE_IMPORT = /(?:from|import)\s*\(?\s*['"](node:[^'"]+|fs|path|url|os|child_process)['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('Node-only code', () => {
  it('the check sees a Node import', () => {
    expect(NODE_IMPORT.test("import { readFile } from 'node:fs/promises';")).toBe(true);
    expect(NODE_IMPORT.test("import { storage } from 'wxt/utils/storage';")).toBe(false);
  });

  it('is never in lib/', () => {
    const files = sourceFiles(join(root, 'lib')).filter((file) => NODE_IMPORT.test(readFileSync(file, 'utf8')));
    expect(files.map((file) => relative(root, file))).toEqual([]);
  });
});
