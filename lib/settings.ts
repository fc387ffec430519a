/** The user's choices, as stored (lib/storage.ts). Plain data so the CLI and tests can use it too. */

export interface UserCity {
  /** GeoNames id, when the city came from the gazetteer. */
  geonameId: number | null;
  name: string;
  /** Admin area (region/state) for telling homonyms apart. */
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
  lat: number;
  lon: number;
  /** IANA zone of the city; the default zone for floating times. */
  timeZone: string | null;
}

export type BadgeMode = 'new' | 'week';

export interface Settings {
  city: UserCity | null;
  radiusKm: number;
  includeOnline: boolean;
  refreshMinutes: number;
  badgeMode: BadgeMode;
  notifyNewEvents: boolean;
  notifyStarredChanges: boolean;
  /** Minutes before a starred event; 0 = no reminder. */
  reminderMinutes: number;
  /** URL of an updated local-groups directory; null = bundled only. */
  directoryUrl: string | null;
  /**
   * A "+" on the toolbar button when the page in the tab offers a feed not added yet. Off by
   * default: it needs access to every http(s) page, asked for when the user turns it on.
   */
  pageFeedHint: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  city: null,
  radiusKm: 25,
  includeOnline: true,
  refreshMinutes: 60,
  badgeMode: 'new',
  notifyNewEvents: true,
  notifyStarredChanges: true,
  reminderMinutes: 60,
  directoryUrl: null,
  pageFeedHint: false,
};

/** What `pageFeedHint` needs granted: every http(s) site (the manifest's optional_host_permissions). */
export const PAGE_HINT_ORIGINS = ['http://*/*', 'https://*/*'];

export const MIN_REFRESH_MINUTES = 15;
export const MAX_REFRESH_MINUTES = 24 * 60;

/** Who said where a feed's group meets: the groups directory, its own placed events, or the user. */
export type FeedHomeSource = 'directory' | 'learned' | 'user';

export interface FeedHome {
  /** Town name (the gazetteer's, or the directory's). */
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  lat: number;
  lon: number;
  source: FeedHomeSource;
}

export type FeedFormatSetting = 'auto' | 'ical' | 'json' | 'html';

export interface FeedConfig {
  id: string;
  /** As the user typed it (webcal:// kept; it is fetched over https). */
  url: string;
  name: string;
  format: FeedFormatSetting;
  enabled: boolean;
  /** Zone for floating times of this feed; null = the city's zone. */
  timeZone: string | null;
  /**
   * Where the group meets (lib/location/feed-home.ts): its events that name no place, or only a venue the
   * gazetteer cannot place, are taken to be there. Null: such events are not shown as near.
   */
  home: FeedHome | null;
  /** False once the user cleared the home by hand: the feed then learns none from its events. Absent = true. */
  learnHome?: boolean;
  /** ISO instant. */
  addedAt: string;
}
