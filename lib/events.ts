/**
 * The one event model every reader produces and every page shows.
 *
 * Times: `start`/`end` are instants as UTC ISO strings (`2026-11-24T17:30:00Z`) for timed events and plain
 * dates (`2026-11-24`, end exclusive) for all-day ones, so an all-day date is never routed through a UTC
 * `Date` and shifted a day. `timeZone` is the IANA zone the event was written in (for display of "local
 * time there"), or null when unknown.
 */
export type EventStatus = 'confirmed' | 'tentative' | 'cancelled';

/** How the place of an event was found; `unresolved` when nothing matched. */
export type LocationSource = 'coordinates' | 'address' | 'text' | 'online' | 'feed' | 'unresolved';

export interface EventPlace {
  name: string | null;
  street: string | null;
  postalCode: string | null;
  locality: string | null;
  region: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
}

/** Where the location resolver placed an event, relative to the user's city. */
export interface ResolvedLocation {
  source: LocationSource;
  /** Gazetteer town name, when one was matched. */
  city: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  /** Great-circle distance from the user's city, in km; null when unknown. */
  distanceKm: number | null;
  /** Admin-1 area of the matched town (region name, or its code), for telling homonyms apart. */
  region?: string | null;
  /** GeoNames id of the matched town. */
  geonameId?: number | null;
  /** Postal code found in the structured address or the text. */
  postalCode?: string | null;
  /** Online markers were found (reader flag, VirtualLocation, meeting link, "Online event"…). */
  online?: boolean;
  /** The event also (or only) happens at a physical place; false for online-only events. */
  inPerson?: boolean;
}

/** The title of an event its feed gives none; one wording for every reader (JSON uids are hashed with it). */
export const UNTITLED_EVENT = 'Untitled event';

export interface MeetupEvent {
  /** Stable across refreshes: feed + UID + occurrence start. Never derived from DTSTAMP/SEQUENCE. */
  id: string;
  uid: string;
  feedId: string;
  title: string;
  start: string;
  end: string | null;
  allDay: boolean;
  timeZone: string | null;
  status: EventStatus;
  online: boolean;
  /** Online-meeting URL when known (http/https only). */
  onlineUrl: string | null;
  /** Location as the feed wrote it, plain text. */
  location: string | null;
  place: EventPlace | null;
  /** Event page, http/https only, else null. */
  url: string | null;
  /** Plain text, HTML stripped, never interpreted. */
  description: string | null;
  image: string | null;
  categories: string[];
  /** Filled by the location resolver (lib/location); absent right after parsing. */
  resolved?: ResolvedLocation;
}

export interface FeedParseResult {
  events: MeetupEvent[];
  /** Short, human-readable notes about skipped or doubtful parts of the feed. */
  warnings: string[];
  /** The format actually read. */
  format: FeedFormat;
  /** Feed title when the feed has one (X-WR-CALNAME, JSON-LD name…). */
  title: string | null;
  /** Minimum refresh interval the feed asks for (REFRESH-INTERVAL / X-PUBLISHED-TTL), in minutes. */
  minRefreshMinutes: number | null;
}

export type FeedFormat = 'ical' | 'jcal' | 'jsonld' | 'html' | 'gancio' | 'caencamp' | 'json';

export interface ParseOptions {
  feedId: string;
  /**
   * Fallback zone for floating times (no TZID, no Z) and unknown TZIDs, used when the feed declares no zone of
   * its own (X-WR-TIMEZONE, a JSON list's `timezone`): the user's city's zone. Default: the system zone.
   */
  defaultTimeZone?: string;
  /**
   * The user's per-feed zone (FeedConfig.timeZone): floating times and unknown TZIDs are read in it, over the
   * zone the feed declares and over defaultTimeZone. Order: feedTimeZone > the feed's own zone > defaultTimeZone
   * > the system zone. (A TZID or a zone named by the event itself still wins: those times are not floating.)
   */
  feedTimeZone?: string | null;
  /** Expansion window, instants in ms. Default now − 1 day … now + 180 days. */
  from?: number;
  to?: number;
  /** Pinned clock for tests; default Date.now(). */
  now?: number;
  /** Cap of occurrences per recurring event. */
  maxOccurrences?: number;
  /** Base URL for resolving relative links (the feed's URL). */
  baseUrl?: string;
}

/**
 * An http(s) URL that new URL() gives back unchanged: scheme and host in lower case (no port, user, IP address or
 * punycode label), a path whose first segment is no dot segment, and only characters the parser neither
 * percent-encodes nor normalises ("/." and "%2e" never, lest a dot segment be removed).
 */
const PLAIN_HTTP_URL =
  /^https?:\/\/(?!xn--|[^/]*\.xn--)(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z](?:[a-z0-9-]*[a-z0-9])?\/(?!\.)(?:[A-Za-z0-9\-_~!$&()*+,;=:@?#.]|\/(?!\.)|%(?!2[eE]))*$/;

/** The last base seen and whether it parses: an absolute link is only returned as is when new URL(link, base) would not throw. */
let lastBase: { base: string; valid: boolean } | null = null;

function isValidBase(base: string): boolean {
  if (lastBase?.base !== base) {
    let valid = true;
    try {
      new URL(base);
    } catch {
      valid = false;
    }
    lastBase = { base, valid };
  }
  return lastBase.valid;
}

/**
 * Keeps only http(s) URLs: a `javascript:` or `data:` link from a feed must never become clickable. A link already
 * written as the parser would write it (nearly every event's) skips the URL object: a feed has one per event.
 */
export function safeHttpUrl(value: unknown, base?: string): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (PLAIN_HTTP_URL.test(trimmed) && (!base || isValidBase(base))) return trimmed;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A stable id: the same feed, UID and occurrence start always give the same id. */
export function eventId(feedId: string, uid: string, occurrenceStart: string): string {
  return `${feedId}|${uid}|${occurrenceStart}`;
}

/** Sorts by start (all-day dates before timed events of the same day), then title. */
export function compareEvents(a: MeetupEvent, b: MeetupEvent): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return compareTitles(a.title, b.title);
}

let titleCollator: Intl.Collator | null = null;
/**
 * Titles in the reader's language order, as `localeCompare` would sort them: one collator, made on first use,
 * since `localeCompare` builds its comparison anew on every call (most of a 2,000-event sort in the popup).
 */
export function compareTitles(a: string, b: string): number {
  titleCollator ??= new Intl.Collator();
  return titleCollator.compare(a, b);
}

function sortKey(event: MeetupEvent): string {
  // "2026-11-24" sorts before "2026-11-24T…Z", which puts all-day events first on their day.
  return event.start;
}
