/**
 * A feed's stored URL and what names a feed, apart from lib/feed-url.ts because these import nothing: the
 * directory validator checks "listed twice" with `feedKey`, and it is reached from the popup, which must
 * carry nothing of the reader (lib/feeds/, where feed-url.ts takes its FeedError from).
 *
 * - stored URL: what the user typed, trimmed, `https://` added when no scheme, fragment dropped; `webcal://`
 *   is kept as typed (that is the address users recognise).
 * - identity (`feedKey`, `sameFeed`): when two addresses name the same feed, for adding a feed, "Add all",
 *   discovery, the page hint and the directory alike.
 * - fetch URL (`fetchUrlOf`) and its origin (`feedOrigin`): `webcal(s)://` is https (RFC 5545 clients agree),
 *   other schemes than http(s) are refused; discovery asks for that origin from the popup.
 */

const READABLE = ['http:', 'https:', 'webcal:', 'webcals:'];

export type StoredFeedUrl = { ok: true; url: string } | { ok: false; problem: string };

/** What the user typed → the URL stored in FeedConfig, or why it cannot be read. */
export function storedFeedUrl(input: string): StoredFeedUrl {
  const text = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, problem: 'Not a web address' };
  }
  if (!READABLE.includes(url.protocol)) return { ok: false, problem: 'Only http, https and webcal addresses can be read' };
  if (!url.hostname) return { ok: false, problem: 'Not a web address' };
  url.hash = '';
  return { ok: true, url: url.href };
}

/**
 * What names a feed: its stored URL, with `webcal(s)://` read as `https://`, and a Meetup group's address on
 * one host (`www.meetup.com`, https) with its slug in lower case (the directory writes slugs so, users paste
 * them as Meetup shows them, and Meetup ignores their case).
 * An address that cannot be stored is its own key.
 */
export function feedKey(url: string): string {
  const stored = storedFeedUrl(url);
  if (!stored.ok) return url;
  return (
    stored.url
      .replace(/^webcals?:/i, 'https:')
      // meetup.com answers on both hosts and over http by redirecting to https://www.meetup.com.
      .replace(/^https?:\/\/(?:www\.)?meetup\.com\/([^/?#]+)/i, (_, group: string) => `https://www.meetup.com/${group.toLowerCase()}`)
  );
}

/** Whether two feed addresses name the same feed (see `feedKey`). */
export function sameFeed(a: string, b: string): boolean {
  return feedKey(a) === feedKey(b);
}

/** Stored URL → the URL fetched, or why it cannot be (lib/feed-url.ts's `toFetchUrl` throws it as a FeedError). */
export function fetchUrlOf(url: string): StoredFeedUrl {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed.replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    return { ok: false, problem: `Not a web address: "${trimmed.slice(0, 80)}"` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, problem: `Only http, https and webcal addresses can be read (got ${parsed.protocol})` };
  }
  return { ok: true, url: parsed.href };
}

/** The origin a feed is read from (`webcal://` → its https origin); null when it cannot be fetched. */
export function feedOrigin(url: string): string | null {
  const fetched = fetchUrlOf(url);
  return fetched.ok ? new URL(fetched.url).origin : null;
}
