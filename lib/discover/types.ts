/** What feed discovery finds on a page, and what the popup shows about each find. */
import type { FeedFormat, MeetupEvent } from '../events';
import type { FeedProblemCode, FeedProblemParams } from '../feed-problem';
import type { FeedHome } from '../settings';

/** A feed read without saving it: what the options page's Test and discovery show before adding it. */
export interface FeedPreview {
  ok: boolean;
  /** Short human-readable error when !ok. */
  error: string | null;
  /** `error` as data the pages translate (lib/feed-problem.ts). */
  errorCode?: FeedProblemCode | null;
  errorParams?: FeedProblemParams | null;
  format: FeedFormat | null;
  title: string | null;
  eventCount: number;
  /** Upcoming events the popup would list as near the user; null until a city is chosen. */
  nearCount?: number | null;
  /** Where the feed's group meets, as learned from these events (lib/location/feed-home.ts). */
  home?: FeedHome | null;
  /** The next three upcoming events. */
  next: MeetupEvent[];
  warnings: string[];
}


/** A format hint the feed settings understand (`FeedFormatSetting` without `auto`). */
export type CandidateFormat = 'ical' | 'json' | 'html';

/** How a candidate was found; the popup uses it to explain the find. */
export type CandidateKind =
  | 'link' // <link rel="alternate" type="text/calendar" | event JSON>
  | 'anchor' // <a href> to an .ics / webcal: / known calendar export URL
  | 'jsonld' // schema.org events embedded in the page itself
  | 'meetup'
  | 'gancio'
  | 'mobilizon'
  | 'luma';

export interface FeedCandidate {
  /** Absolute http(s) URL (a `webcal:` link is given as https, the scheme it is fetched with). */
  url: string;
  title: string | null;
  format: CandidateFormat;
  kind: CandidateKind;
  /** Events counted on the page itself (JSON-LD candidates only); null when not known without a fetch. */
  eventCountOnPage: number | null;
}

/** A candidate after the background tested it with the same code as the `testFeed` message. */
export interface DiscoveredFeed extends FeedCandidate {
  preview: FeedPreview;
  /** A feed with this URL is already configured. */
  alreadyAdded: boolean;
}
