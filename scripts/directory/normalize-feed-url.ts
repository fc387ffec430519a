/**
 * One feed address per group, whatever way a list wrote it, so that two lists naming the same group merge
 * and the extension fetches the address each platform publishes. A URL that is a page rather than a feed
 * (a Luma event page, a Google Developer Group page, an Eventbrite organizer) is refused with a reason: the
 * directory lists only feeds the reader can subscribe to as they are.
 */
import type { DirectoryPlatform } from '../../lib/directory/directory-schema';
import { feedUrlPlatform, isLumaIcsUrl, isMeetupHost } from '../../lib/discover/platform-urls';

export type NormalizedFeed = { ok: true; feedUrl: string; platform: DirectoryPlatform } | { ok: false; reason: string };

/** `/fr-FR/`, `/es/`, `/pt-br/`: Meetup's language prefixes, which name no group. */
const MEETUP_LOCALE = /^[a-z]{2}(?:-[a-z]{2})?$/i;
/** Meetup group slugs: letters, digits and dashes (underscores appear in old groups). */
const MEETUP_SLUG = /^[A-Za-z0-9][\w-]*$/;

/** A Meetup group's slug written alone (`rladies-paris`) or inside any of its page or feed URLs. */
export function meetupFeedUrl(slug: string): NormalizedFeed {
  // OWASP writes some group names as a path (`/owasp-berlin/`): the slashes are not part of the name.
  const clean = slug.trim().replace(/^\/+|\/+$/g, '');
  if (!MEETUP_SLUG.test(clean)) return { ok: false, reason: `not a Meetup group name: "${slug}"` };
  return { ok: true, feedUrl: `https://www.meetup.com/${clean.toLowerCase()}/events/ical/`, platform: 'meetup' };
}

function parse(raw: string): URL | null {
  let text = raw.trim();
  if (/^webcals?:\/\//i.test(text)) text = text.replace(/^webcals?:/i, 'https:');
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * `explicitFeed`: the list says this address is the group's calendar feed (DC Tech Events' `ical`, Louisville
 * Tech's `calendar`), so an address of an unknown host is kept as it is; otherwise only addresses that follow
 * a platform's feed pattern, or plainly name an iCal file, are feeds.
 */
export function normalizeFeedUrl(raw: string, options: { explicitFeed: boolean }): NormalizedFeed {
  const url = parse(raw);
  if (!url) return { ok: false, reason: `not an http(s) or webcal address: "${raw}"` };
  if (isMeetupHost(url.hostname.toLowerCase())) {
    const segments = url.pathname.split('/').filter(Boolean);
    if (segments.length > 0 && MEETUP_LOCALE.test(segments[0]!)) segments.shift();
    const slug = segments[0];
    if (!slug || ['find', 'topics', 'cities', 'pro', 'e'].includes(slug.toLowerCase())) {
      return { ok: false, reason: `a Meetup address that names no group: ${raw}` };
    }
    return meetupFeedUrl(slug);
  }
  if (isLumaIcsUrl(url)) {
    // Luma publishes calendar feeds with the calendar id in the query: kept exactly as given.
    return feedUrlPlatform(url.href) === 'luma'
      ? { ok: true, feedUrl: url.href, platform: 'luma' }
      : { ok: false, reason: `a Luma feed that is not a calendar's: ${raw}` };
  }
  if (/^(?:www\.)?(?:lu\.ma|luma\.com)$/.test(url.hostname)) return { ok: false, reason: `a Luma page, not its calendar feed: ${raw}` };
  const platform = feedUrlPlatform(url.href);
  if (platform) return { ok: true, feedUrl: url.href, platform };
  const looksLikeIcal = /\.ics$/i.test(url.pathname) || /(?:^|[/?&=_-])(?:ical|ics)(?:$|[/?&=_-])/i.test(`${url.pathname}${url.search}`);
  if (options.explicitFeed || looksLikeIcal) return { ok: true, feedUrl: url.href, platform: 'other' };
  return { ok: false, reason: `a web page, not a feed: ${raw}` };
}
