/** One cold read by node-ical, the reader most Node projects use. */
import { readFileSync } from 'node:fs';
import nodeIcal from 'node-ical';

const result = nodeIcal.sync.parseICS(readFileSync(process.argv[2]!, 'utf8'));
process.stdout.write(`${Object.keys(result).length}\n`);
