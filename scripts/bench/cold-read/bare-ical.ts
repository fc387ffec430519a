/** One cold bare ICAL.parse: the floor for any reader built on ical.js (tokens only, no events, no dates). */
import ICAL from 'ical.js';
import { timeFirstCall } from './timed-call';

timeFirstCall((text) => (ICAL.parse(text) as unknown[]).length);
