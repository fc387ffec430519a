/** One name per error, from the reader that throws it to the sentence on screen. */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FEED_ERROR_CODES, FEED_PROBLEM_CODES, feedErrorCodeOf, problemOfFeedError } from '../../lib/feed-problem';
import { FeedError } from '../../lib/feeds/errors';
import { feedDataItem } from '../../lib/storage';
import { feedProblemText } from '../../lib/ui/feed-problem-text';
import { installI18n } from './ui/helpers';

describe('the error vocabulary', () => {
  it('is the same names from the reader to the screen; only http is told apart by status', () => {
    for (const code of FEED_ERROR_CODES) {
      if (code === 'http') continue;
      expect(FEED_PROBLEM_CODES).toContain(code);
      expect(problemOfFeedError(code, 'detail').code).toBe(code);
      expect(feedErrorCodeOf(code)).toBe(code);
    }
    expect(problemOfFeedError('http', 'HTTP 418 from x').code).toBe('httpOther');
    expect(FEED_PROBLEM_CODES.filter((code) => !(FEED_ERROR_CODES as readonly string[]).includes(code)).sort()).toEqual(
      ['httpDenied', 'httpNotFound', 'httpOther', 'httpServer', 'permission'],
    );
  });

  it('needs no storage migration: codes stored before read and translate as they are', async () => {
    fakeBrowser.reset();
    installI18n('en');
    // A feed item as version 2 stored it, with the problem code the background wrote then.
    await fakeBrowser.storage.local.set({
      'feed:a': {
        state: { lastSuccess: null, lastAttempt: '2026-11-24T09:00:00Z', etag: null, lastModified: null, error: 'HTML page with no events', errorCode: 'notAFeed', errorParams: { found: 'an HTML page with no events' }, failures: 1, nextAttemptAfter: null, eventCount: 0, format: null, warnings: [], synced: true },
        events: [],
      },
      'feed:a$': { v: 2 },
    });
    const { state } = await feedDataItem('a').getValue();
    expect(feedProblemText(state, 'en')).toBe('No events could be read at this address (an HTML page with no events).');
  });
});
