/** One cold bare ICAL.parse: the floor for any reader built on ical.js (tokens only, no events, no dates). */
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const result = ICAL.parse(readFileSync(process.argv[2]!, 'utf8')) as unknown[];
process.stdout.write(`${result.length}\n`);
