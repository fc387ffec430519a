/**
 * What every cold-read process does: read the feed file, collect what module loading left behind (when the parent
 * gave `--expose-gc`: the call then pays for collecting its own garbage only, not the start-up's), then time the
 * process's first and only reading call from inside, and print `<events or items> <ms>` for the parent. No reader
 * code runs before the call: everything it compiles, caches or initialises (Intl, tables) is in the figure.
 */
import { readFileSync } from 'node:fs';

export function timeFirstCall(read: (text: string, from: number, to: number) => number): void {
  const [file, from, to] = process.argv.slice(2);
  const text = readFileSync(file!, 'utf8');
  (globalThis as { gc?: () => void }).gc?.();
  const started = process.hrtime.bigint();
  const count = read(text, Number(from), Number(to));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${count} ${ms.toFixed(3)}\n`);
}
