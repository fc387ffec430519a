/**
 * What a feed URL alone says about its platform: no page, no parser, no DOM, so the popup and the directory
 * validator may import it without pulling in discovery.
 */

export type Platform = 'meetup' | 'gancio' | 'mobilizon' | 'luma';

export function isMeetupHost(host: string): boolean {
  return host === 'www.meetup.com' || host === 'meetup.com';
}

/** Luma calendar ids look like `cal-HBdmsARYSzYhpuc`. */
export const LUMA_CALENDAR_ID = /^cal-[A-Za-z0-9]{6,32}$/;

/** Luma's own iCal endpoint, on any of its API hosts (no `.ics` in the path, so the anchor rule needs it). */
export function isLumaIcsUrl(url: URL): boolean {
  return /^api\d*\.(?:lu\.ma|luma\.com)$/.test(url.hostname) && url.pathname === '/ics/get';
}

/**
 * Which platform pattern a feed URL follows, if any. The directory test uses it: a bundled entry must
 * follow its platform's published pattern.
 */
export function feedUrlPlatform(feedUrl: string): Platform | null {
  let url: URL;
  try {
    url = new URL(feedUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (isMeetupHost(url.hostname)) return /^\/[A-Za-z0-9][\w-]*\/events\/ical\/?$/.test(url.pathname) ? 'meetup' : null;
  if (isLumaIcsUrl(url)) {
    return url.searchParams.get('entity') === 'calendar' && LUMA_CALENDAR_ID.test(url.searchParams.get('id') ?? '') ? 'luma' : null;
  }
  if (/^\/@[\w.-]+(?:@[\w.-]+)?\/feed\/ics$/.test(url.pathname)) return 'mobilizon';
  if (/^(?:\/[\w.-]+)*\/feed\/ics(?:\/(?:tag|place|collection)\/[^/]+)?$/.test(url.pathname)) return 'gancio';
  return null;
}
