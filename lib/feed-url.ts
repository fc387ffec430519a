/**
 * Feed addresses, from what the user typed to what is fetched: the one place that knows the rules, used by the
 * background (add, test, fetch), the options page (test, permission) and discovery. Pure: runs in Node too.
 *
 * - stored URL: what the user typed, trimmed, `https://` added when no scheme, fragment dropped; `webcal://`
 *   is kept as typed (that is the address users recognise).
 * - fetch URL: `webcal(s)://` is https (RFC 5545 clients agree); anything but http(s) is refused.
 * - origin: the fetch URL's origin, the host permission a feed needs.
 */
import { FeedError } from './feeds/errors';
import { originPattern } from './origin-pattern';

const READABLE = ['http:', 'https:', 'webcal:', 'webcals:'];

/** What the user typed → the URL stored in FeedConfig; throws FeedError('unsupportedUrl') for anything else. */
export function normalizeFeedUrl(input: string): string {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new FeedError('unsupportedUrl', 'Not a web address');
  }
  if (!READABLE.includes(url.protocol)) {
    throw new FeedError('unsupportedUrl', 'Only http, https and webcal addresses can be read');
  }
  if (!url.hostname) throw new FeedError('unsupportedUrl', 'Not a web address');
  url.hash = '';
  return url.href;
}

/** `normalizeFeedUrl` for form input: null instead of an error. */
export function parseFeedUrl(input: string): string | null {
  try {
    return normalizeFeedUrl(input);
  } catch {
    return null;
  }
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

/** The host permission pattern for a feed (`https://example.org/*`); null when it cannot be fetched. */
export function feedOriginPattern(url: string): string | null {
  const origin = feedOrigin(url);
  return origin ? originPattern(origin) : null;
}
