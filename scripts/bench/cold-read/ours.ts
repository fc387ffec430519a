/** One cold read by our reader, as the worker does it after waking: parseFeed on the body, nothing warmed. */
import { readFileSync } from 'node:fs';
import { parseFeed } from '../../../lib/feeds/index';

const [file, from, to] = process.argv.slice(2);
const result = parseFeed(readFileSync(file!, 'utf8'), { feedId: 'bench', from: Number(from), to: Number(to), now: Number(from) });
process.stdout.write(`${result.events.length}\n`);
