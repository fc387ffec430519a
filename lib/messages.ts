/**
 * The one message contract between the pages and the background worker. Pages never parse feeds: they ask.
 * It only names the messages: the types they carry live with their domain (discovery, location, settings).
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { FeedConfig, FeedFormatSetting, FeedHome } from './settings';
import type { DiscoveredFeed, FeedPreview } from './discover/types';
import type { CityMatch } from './location/city-match';
import type { SuggestedGroups } from './directory/directory-schema';

export interface RefreshSummary {
  refreshed: number;
  unchanged: number;
  failed: number;
  skipped: number;
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
  /** The feeds the page in that tab offers (activeTab + scripting), each tested like `testFeed`. */
  discoverFeeds(data: { tabId: number }): DiscoveredFeed[];
  /** The directory's local groups within the user's radius (updates the directory when due). */
  suggestGroups(): SuggestedGroups;
}

export const {
  sendMessage,
  onMessage,
  /** The worker drops its handlers when it is started again in the same context (tests). */
  removeAllListeners: removeAllMessageListeners,
} = defineExtensionMessaging<ProtocolMap>();
