/** One cold read by node-ical, the reader most Node projects use. */
import nodeIcal from 'node-ical';
import { timeFirstCall } from './timed-call';

timeFirstCall((text) => Object.keys(nodeIcal.sync.parseICS(text)).length);
