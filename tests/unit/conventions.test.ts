import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** As `wc -l` counts them: a final newline ends the last line, it does not start another. */
function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('conventions', () => {
  // A file a newcomer can hold in their head: past this, split it by concept (as lib/feeds/ical/ is). Data such as
  // the bundled directory (JSON) is looked up, not read, and does not count.
  const MAX_LINES = 600;
  it(`no code file under lib/ is over ${MAX_LINES} lines`, () => {
    const tooLong = filesUnder(join(root, 'lib'))
      .filter((file) => /\.(ts|tsx|js|mjs|cjs|css)$/.test(file))
      .map((file) => ({ file: relative(root, file), lines: lineCount(readFileSync(file, 'utf8')) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(tooLong).toEqual([]);
  });
});
