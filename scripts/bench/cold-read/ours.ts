/** One cold read by our reader, as the worker does it after waking: parseFeed on the body, nothing warmed. */
import { parseFeed } from '../../../lib/feeds/index';
import { timeFirstCall } from './timed-call';

timeFirstCall((text, from, to) => parseFeed(text, { feedId: 'bench', from, to, now: from }).events.length);
