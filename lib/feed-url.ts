/**
 * Feed addresses, from what the user typed to what is fetched, used by the background (add, test, fetch), the
 * options page (test) and discovery. Pure: runs in Node too. Together with lib/stored-feed-url.ts
 * (the stored URL and a feed's identity, kept free of imports) the one place that knows the rules.
 *
 * - stored URL: `storedFeedUrl`, here as `normalizeFeedUrl` (throws FeedError) and `parseFeedUrl` (null).
 * - fetch URL and origin: `fetchUrlOf` and `feedOrigin` (stored-feed-url.ts, so that the popup's discovery can
 *   ask for an origin); here as `toFetchUrl` (throws FeedError). The permission an origin needs is `sitePattern`.
 */
import { FeedError } from './feeds/errors';
import { feedOrigin, fetchUrlOf, storedFeedUrl } from './stored-feed-url';

/** What the user typed → the URL stored in FeedConfig; throws FeedError('unsupportedUrl') for anything else. */
export function normalizeFeedUrl(input: string): string {
  const stored = storedFeedUrl(input);
  if (!stored.ok) throw new FeedError('unsupportedUrl', stored.problem);
  return stored.url;
}

/** `normalizeFeedUrl` for form input: null instead of an error. */
export function parseFeedUrl(input: string): string | null {
  const stored = storedFeedUrl(input);
  return stored.ok ? stored.url : null;
}

/** Stored URL → the URL to fetch: `webcal://` is https, other schemes than http(s) are refused (`fetchUrlOf`). */
export function toFetchUrl(url: string): string {
  const fetched = fetchUrlOf(url);
  if (!fetched.ok) throw new FeedError('unsupportedUrl', fetched.problem);
  return fetched.url;
}

export { feedOrigin };
