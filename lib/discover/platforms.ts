/**
 * The community platforms whose feed URL can be derived from a page, each following the pattern the platform
 * itself publishes (see the sources in the comments). Only these patterns: a guessed URL that 404s would
 * waste the user's first five minutes.
 */
import type { ScannedPage } from './html-scan';
import { metaContent } from './html-scan';
import { LUMA_CALENDAR_ID, isMeetupHost, type Platform } from './platform-urls';

export { feedUrlPlatform, isLumaIcsUrl, type Platform } from './platform-urls';

// Meetup's first path segments that are not group names (site sections).
const MEETUP_RESERVED = new Set([
  'find', 'topics', 'cities', 'login', 'register', 'apps', 'pro', 'lp', 'blog', 'help', 'about', 'home',
  'create', 'members', 'account', 'messages', 'notifications', 'your-events', 'events', 'search', 'privacy',
  'terms', 'cookie-policy', 'media', 'meetup-pro', 'start', 'online-events', 'api', 'gql', 'n',
]);

const LOCALE_SEGMENT = /^[a-z]{2}(?:-[A-Za-z]{2})?$/;

/**
 * A Meetup group page (`https://www.meetup.com/<group>/…`, also with a locale prefix such as `/de-DE/`) →
 * `https://www.meetup.com/<group>/events/ical/`, the group's public iCal feed of upcoming events.
 */
export function meetupGroupFeed(url: URL): string | null {
  if (!isMeetupHost(url.hostname)) return null;
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments[0] && LOCALE_SEGMENT.test(segments[0]) && segments.length > 1) segments.shift();
  const group = segments[0];
  if (!group || MEETUP_RESERVED.has(group.toLowerCase()) || !/^[A-Za-z0-9][\w-]*$/.test(group)) return null;
  return `https://www.meetup.com/${group}/events/ical/`;
}

/**
 * Mobilizon serves every actor's public events at `/@<name>/feed/ics` (its router: `get "/@:name/feed/:format"`),
 * where name is `group` on its own instance or `group@other.instance` for a remote one.
 */
export function mobilizonGroupFeed(url: URL): string | null {
  const match = /^\/(@[^/?#]+)/.exec(url.pathname);
  if (!match) return null;
  const name = decodeURIComponent(match[1]!);
  if (!/^@[\w.-]+(?:@[\w.-]+)?$/.test(name)) return null;
  return `${url.origin}/${name}/feed/ics`;
}

/** Mobilizon's markup: its noscript notice, "Powered by Mobilizon", or an instance named so. */
export function looksLikeMobilizon(html: string, page: ScannedPage, url: URL): boolean {
  if (/\bmobilizon\b/i.test(url.hostname)) return true;
  const generator = metaContent(page, 'generator');
  if (generator && /mobilizon/i.test(generator)) return true;
  if (page.anchors.some((a) => /^https?:\/\/(?:joinmobilizon\.org|framagit\.org\/framasoft\/mobilizon)/i.test(a.attrs.href ?? ''))) return true;
  // The apostrophe may arrive as ', ’ or an entity depending on how the page was saved.
  return /Mobilizon doesn\S{1,6}t work properly without JavaScript/i.test(html);
}

/**
 * Gancio instances link their footer to gancio.org and expose `/feed/ics` for the whole instance (the home
 * page's head also lists it as `<link rel="alternate" type="text/calendar">`, which the link rule finds).
 */
export function looksLikeGancio(page: ScannedPage): boolean {
  const generator = metaContent(page, 'generator');
  if (generator && /gancio/i.test(generator)) return true;
  return page.anchors.some((a) => /^https?:\/\/(?:www\.)?gancio\.org\/?$/i.test(a.attrs.href ?? ''));
}

export function gancioInstanceFeed(url: URL): string {
  return `${url.origin}/feed/ics`;
}

const LUMA_HOSTS = new Set(['lu.ma', 'www.lu.ma', 'luma.com', 'www.luma.com']);

export function isLumaHost(host: string): boolean {
  return LUMA_HOSTS.has(host);
}

/**
 * Luma's "Add iCal Subscription" gives `https://api.lu.ma/ics/get?entity=calendar&id=<cal-…>`; the calendar
 * page carries that id in its embedded data (`"calendar":{"api_id":"cal-…"}`, `"calendar_api_id":"cal-…"`).
 */
export function lumaCalendarFeed(calendarId: string): string | null {
  return LUMA_CALENDAR_ID.test(calendarId) ? `https://api.lu.ma/ics/get?entity=calendar&id=${calendarId}` : null;
}

/** The calendar id of a Luma page, from its embedded data; the page's own calendar wins over mentions. */
export function lumaCalendarIdInPage(html: string): string | null {
  const own = /"calendar"\s*:\s*\{[^{}]*?"api_id"\s*:\s*"(cal-[A-Za-z0-9]+)"/.exec(html);
  if (own) return own[1]!;
  const counts = new Map<string, number>();
  for (const match of html.matchAll(/"calendar_api_id"\s*:\s*"(cal-[A-Za-z0-9]+)"/g)) {
    counts.set(match[1]!, (counts.get(match[1]!) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [id, count] of counts) {
    if (count > bestCount) [best, bestCount] = [id, count];
  }
  return best;
}

/** `https://lu.ma/embed/calendar/cal-…/events` iframes put a Luma calendar on any site. */
export function lumaEmbedCalendarId(src: string): string | null {
  const match = /^https?:\/\/(?:www\.)?(?:lu\.ma|luma\.com)\/embed\/calendar\/(cal-[A-Za-z0-9]+)/i.exec(src);
  return match ? match[1]! : null;
}
