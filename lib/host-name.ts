/**
 * Host names for people: what a feed or a page is called when it has no name of its own. Tiny and pure, so
 * the popup can show them without the feed-URL rules (lib/feed-url.ts) and their errors.
 */

/** The host of a feed or page address as written ("www.meetup.com"; `webcal://` read as https); the text itself when it is no URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url.replace(/^webcals?:/i, 'https:')).host;
  } catch {
    return url;
  }
}

/** "meetup.com" for https://www.meetup.com/…: a default feed name. */
export function feedHostName(url: string): string {
  return hostOf(url).replace(/^www\./, '');
}

/** What a feed is called on screen: its name, else its host. */
export function feedLabel(feed: { name: string; url: string }): string {
  return feed.name || hostOf(feed.url);
}
