/**
 * Feed addresses, from what the user typed to what is fetched, used by the background (add, test, fetch), the
 * options page (test) and discovery. Pure: runs in Node too. Together with lib/stored-feed-url.ts
 * (the stored URL and a feed's identity, kept free of imports) the one place that knows the rules.
 *
 * - stored URL: `storedFeedUrl`, here as `normalizeFeedUrl` (throws FeedError) and `parseFeedUrl` (null).
 * - fetch URL: `webcal(s)://` is https (RFC 5545 clients agree); anything but http(s) is refused.
 * - origin: the fetch URL's origin (the host permission it needs is `sitePattern`, lib/permissions.ts).
 */
import { FeedError } from './feeds/errors';
import { storedFeedUrl } from './stored-feed-url';

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

/** Stored URL → the URL to fetch: `webcal://` is https, other schemes than http(s) are refused. */
export function toFetchUrl(url: string): string {
  const trimmed = url.trim();
  const rewritten = trimmed.replace(/^webcals?:\/\//i, 'https://');
  let parsed: URL;
  try {
    parsed = new URL(rewritten);
  } catch {
    throw new FeedError('unsupportedUrl', `Not a web address: "${trimmed.slice(0, 80)}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FeedError('unsupportedUrl', `Only http, https and webcal addresses can be read (got ${parsed.protocol})`);
  }
  return parsed.href;
}

/** The origin a feed is read from (`webcal://` → its https origin); null when it cannot be fetched. */
export function feedOrigin(url: string): string | null {
  try {
    return new URL(toFetchUrl(url)).origin;
  } catch {
    return null;
  }
}
