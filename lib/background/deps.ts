/**
 * What the background needs from the outside world, passed in so tests pin the clock, the network and the
 * parser (lib/background/production-deps.ts wires the real ones).
 */
import type { FeedParseResult, MeetupEvent, ParseOptions } from '../events';
import type { CityMatch } from '../location/city-match';
import type { FeedConfig, FeedFormatSetting, UserCity } from '../settings';
import type { FetchDeps } from '../download';

export type ParseFeed = (
  body: string,
  options: ParseOptions & { format?: FeedFormatSetting; contentType?: string | null },
) => FeedParseResult;

export interface ResolveContext {
  city: UserCity | null;
  feed: Pick<FeedConfig, 'id' | 'home'> | null;
}

/** Sets `event.resolved` on each event (lib/location). */
export type ResolveEvents = (events: MeetupEvent[], context: ResolveContext) => Promise<MeetupEvent[]>;

/** chrome.i18n.getMessage: '' for an unknown key. */
export type Translate = (key: string, substitutions?: string[]) => string;

export interface BackgroundDeps extends FetchDeps {
  now: () => number;
  parse: ParseFeed;
  resolve: ResolveEvents;
  searchCities: (query: string, limit: number) => Promise<CityMatch[]>;
  nearestCity: (lat: number, lon: number) => Promise<CityMatch | null>;
  translate: Translate;
  /** BCP 47 tag for dates in the tooltip and notifications. */
  locale: string;
  randomId: () => string;
  /** Feeds fetched at once. */
  concurrency?: number;
}
