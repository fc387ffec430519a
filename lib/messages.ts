/**
 * The one message contract between the pages and the background worker. Pages never parse feeds: they ask.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { FeedFormat, MeetupEvent } from './events';
import type { FeedConfig, FeedFormatSetting, FeedHome } from './settings';
import type { DiscoveredFeed } from './discover/types';
import type { SuggestedGroups } from './directory/directory-schema';
import type { FeedProblemCode, FeedProblemParams } from './feed-problem';

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

export interface RefreshSummary {
  refreshed: number;
  unchanged: number;
  failed: number;
  skipped: number;
}

export interface CityMatch {
  geonameId: number;
  name: string;
  region: string | null;
  country: string;
  lat: number;
  lon: number;
  timeZone: string | null;
  population: number;
}

export interface NewFeedData {
  url: string;
  name?: string;
  format?: FeedFormatSetting;
  timeZone?: string | null;
  /** Where the group meets, when known (a group from the directory). */
  home?: FeedHome | null;
}

export interface ProtocolMap {
  /** Refresh every enabled feed now (ignores schedules and backoff). */
  refreshAll(): RefreshSummary;
  refreshFeed(data: { feedId: string }): RefreshSummary;
  /** Fetch and parse a URL without saving anything; the options page shows the preview. */
  testFeed(data: { url: string; format?: FeedFormatSetting; timeZone?: string | null }): FeedPreview;
  /** Add a feed (the page has already asked for the origin's permission) and sync it. */
  addFeed(data: NewFeedData): FeedConfig;
  /** Several feeds in one go ("Add all" of the local groups); those already in the list are skipped. */
  addFeeds(data: { feeds: NewFeedData[] }): FeedConfig[];
  /** Mark events seen in the popup; no ids = every upcoming event near the user. */
  markSeen(data: { ids?: string[] }): void;
  /** Gazetteer look-ups: the pages never load the gazetteer themselves. */
  searchCities(data: { query: string; limit?: number }): CityMatch[];
  nearestCity(data: { lat: number; lon: number }): CityMatch | null;
  /** Issue #7: the feeds the page in that tab offers (activeTab + scripting), each tested like `testFeed`. */
  discoverFeeds(data: { tabId: number }): DiscoveredFeed[];
  /** Issue #7: the directory's local groups within the user's radius (updates the directory when due). */
  suggestGroups(): SuggestedGroups;
}

export const {
  sendMessage,
  onMessage,
  /** The worker drops its handlers when it is started again in the same context (tests). */
  removeAllListeners: removeAllMessageListeners,
} = defineExtensionMessaging<ProtocolMap>();
