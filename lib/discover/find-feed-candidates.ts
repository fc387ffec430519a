/**
 * Feed discovery: every feed a page offers or implies, as absolute URLs with a title and a format
 * hint. Pure: the popup's tab scan, the CLI's `--discover` and the tests all call this one function.
 */
import { countJsonLdEvents } from './json-ld-events';
import type { Attributes } from '../feeds/html';
import { metaContent, scanHtml, type ScannedPage } from './html-scan';
import {
  gancioInstanceFeed,
  isLumaHost,
  isLumaIcsUrl,
  looksLikeGancio,
  looksLikeMobilizon,
  lumaCalendarFeed,
  lumaCalendarIdInPage,
  lumaEmbedCalendarId,
  meetupGroupFeed,
  mobilizonGroupFeed,
} from './platforms';
import type { CandidateFormat, CandidateKind, FeedCandidate } from './types';

const ICAL_TYPES = new Set(['text/calendar', 'text/x-vcalendar', 'application/ics', 'text/ics', 'application/x-ical']);
const JCAL_TYPE = 'application/calendar+json';
const JSON_TYPES = new Set(['application/json', 'application/ld+json', 'application/feed+json']);

/**
 * A JSON link is only worth offering when it says it holds events: WordPress alone adds
 * `<link rel="alternate" type="application/json">` to its REST API on every page, and JSON Feed is for posts.
 */
const EVENT_WORDS = /(?:^|[^a-z])(?:events?|agenda|calendars?|calendrier|[ée]v[ée]nements?|meetups?|termine|veranstaltungen|eventi)(?:[^a-z]|$)/i;
const NOT_EVENT_JSON = /\/wp-json\/(?:wp\/v2|oembed)\//i;

/** A cheap first look at an href: only these can be feeds (see the anchor rules below). */
const MAYBE_FEED_HREF = /\.(?:ics|ical|ifb)(?:$|[?#])|^webcals?:|[?&]ical=1|calendar\.google\.com|google\.com\/calendar|meetup\.com\/|\/ics\/get/i;

/** Anchors to Meetup groups seen on a third-party page (a group's own site); more is a list of groups. */
const MAX_LINKED_MEETUP_GROUPS = 5;

function mediaType(value: string | undefined): string {
  return (value ?? '').split(';')[0]!.trim().toLowerCase();
}

function relTokens(attrs: Attributes): string[] {
  return (attrs.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** Absolute http(s) URL, `webcal:` read as https (what calendar apps do); anything else is dropped. */
function absoluteFeedUrl(href: string | undefined, base: string): string | null {
  if (!href) return null;
  let value = href.trim();
  if (!value) return null;
  if (/^webcals?:/i.test(value)) value = value.replace(/^webcals?:/i, 'https:');
  try {
    const url = new URL(value, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

function isIcsPath(url: URL): boolean {
  return /\.(?:ics|ical|ifb)$/i.test(url.pathname);
}

/** Calendar export URLs that do not end in .ics: The Events Calendar (WordPress) `?ical=1`, Luma's API. */
function isKnownIcalExport(url: URL): boolean {
  return url.searchParams.get('ical') === '1' || isLumaIcsUrl(url);
}

/** "Subscribe in Google Calendar" buttons carry the feed in `cid`: `…/render?cid=webcal://site/feed.ics`. */
function googleSubscribeTarget(url: URL): string | null {
  if (url.hostname !== 'calendar.google.com' && url.hostname !== 'www.google.com') return null;
  const cid = url.searchParams.get('cid');
  if (!cid || !/^(?:https?|webcals?):\/\//i.test(cid)) return null;
  return absoluteFeedUrl(cid, url.href);
}

function pageTitle(page: ScannedPage): string | null {
  return metaContent(page, 'og:title') ?? page.title;
}

class CandidateList {
  private readonly byUrl = new Map<string, FeedCandidate>();

  add(url: string | null, kind: CandidateKind, format: CandidateFormat, title: string | null, eventCountOnPage: number | null = null): void {
    if (!url) return;
    const existing = this.byUrl.get(url);
    if (existing) {
      if (!existing.title && title) existing.title = title;
      return;
    }
    this.byUrl.set(url, { url, title: title?.trim() || null, format, kind, eventCountOnPage });
  }

  has(url: string): boolean {
    return this.byUrl.has(url);
  }

  list(): FeedCandidate[] {
    return [...this.byUrl.values()];
  }
}

export function findFeedCandidates(html: string, pageUrl: string): FeedCandidate[] {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return [];
  }
  const scanned = scanHtml(html, page.href);
  const base = scanned.baseUrl;
  const title = pageTitle(scanned);
  const candidates = new CandidateList();

  // 1. Platform patterns from the page's own URL: the most specific answer when the user is on a group page.
  const meetup = meetupGroupFeed(page);
  const mobilizon = looksLikeMobilizon(html, scanned, page) ? mobilizonGroupFeed(page) : null;
  const lumaCalendarId = isLumaHost(page.hostname) ? lumaCalendarIdInPage(html) : null;
  const luma = lumaCalendarId ? lumaCalendarFeed(lumaCalendarId) : null;
  candidates.add(meetup, 'meetup', 'ical', title);
  candidates.add(mobilizon, 'mobilizon', 'ical', title);
  candidates.add(luma, 'luma', 'ical', title);
  // The platform's feed already holds the events a group page shows in its JSON-LD: offering the page too
  // would add the same events twice.
  const pageIsPlatformGroup = Boolean(meetup || mobilizon || luma);

  // 2. Feeds the page declares in its head.
  for (const link of scanned.links) {
    if (!relTokens(link).includes('alternate')) continue;
    const url = absoluteFeedUrl(link.href, base);
    if (!url) continue;
    const type = mediaType(link.type);
    const linkTitle = link.title?.trim() || title;
    if (ICAL_TYPES.has(type) || (!type && isIcsPath(new URL(url)))) {
      candidates.add(url, 'link', 'ical', linkTitle);
    } else if (type === JCAL_TYPE) {
      candidates.add(url, 'link', 'json', linkTitle);
    } else if (JSON_TYPES.has(type) && !NOT_EVENT_JSON.test(url) && (EVENT_WORDS.test(new URL(url).pathname) || EVENT_WORDS.test(link.title ?? ''))) {
      candidates.add(url, 'link', 'json', linkTitle);
    }
  }

  // Gancio's instance feed, when the head did not already list it.
  if (looksLikeGancio(scanned) && !candidates.has(gancioInstanceFeed(page))) {
    candidates.add(gancioInstanceFeed(page), 'gancio', 'ical', metaContent(scanned, 'og:site_name') ?? title);
  }

  // 3. Links in the page body: .ics files, webcal:, subscribe buttons, known calendar exports.
  let linkedMeetupGroups = 0;
  for (const anchor of scanned.anchors) {
    const href = anchor.attrs.href?.trim();
    // Most anchors of a big page are plain links: skip them before parsing any URL.
    if (!href || (!MAYBE_FEED_HREF.test(href) && !anchor.attrs.type)) continue;
    const anchorTitle = anchor.attrs.title?.trim() || anchor.text || title;
    const url = absoluteFeedUrl(href, base);
    if (!url) continue;
    const parsed = new URL(url);
    const subscribed = googleSubscribeTarget(parsed);
    if (subscribed) {
      candidates.add(subscribed, 'anchor', 'ical', anchorTitle);
    } else if (/^webcals?:/i.test(href) || isIcsPath(parsed) || isKnownIcalExport(parsed) || ICAL_TYPES.has(mediaType(anchor.attrs.type))) {
      candidates.add(url, 'anchor', 'ical', anchorTitle);
    } else if (!meetup && linkedMeetupGroups < MAX_LINKED_MEETUP_GROUPS) {
      // A group's own site linking to its Meetup page: offer the group's feed.
      const groupFeed = meetupGroupFeed(parsed);
      if (groupFeed && !candidates.has(groupFeed)) {
        linkedMeetupGroups += 1;
        candidates.add(groupFeed, 'meetup', 'ical', anchor.text || anchorTitle);
      }
    }
  }

  // Luma calendars embedded on any site.
  for (const iframe of scanned.iframes) {
    const calendarId = lumaEmbedCalendarId(iframe.src ?? '');
    if (calendarId) candidates.add(lumaCalendarFeed(calendarId), 'luma', 'ical', iframe.title?.trim() || title);
  }

  // 4. Events on the page itself: the page is a feed (read as HTML with JSON-LD).
  const onPage = countJsonLdEvents(scanned.jsonLd);
  if (onPage.count > 0 && !pageIsPlatformGroup) {
    const url = absoluteFeedUrl(page.href, page.href);
    candidates.add(url, 'jsonld', 'html', title ?? onPage.firstName, onPage.count);
  }

  return candidates.list();
}
