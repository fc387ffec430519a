/**
 * The export/import file of the options page: every setting and feed, versioned. Import is all or nothing:
 * the validator either returns complete, clean values or the list of what is wrong, and the page writes
 * storage only in the first case.
 */
import { canonicalTimeZone } from './time';
import { homeOfAllEventsLocal } from './migrations/feeds-v2';
import { feedKey } from './stored-feed-url';
import {
  DEFAULT_SETTINGS,
  MAX_REFRESH_MINUTES,
  MIN_REFRESH_MINUTES,
  type FeedConfig,
  type FeedFormatSetting,
  type FeedHome,
  type FeedHomeSource,
  type Settings,
  type UserCity,
} from './settings';

export const SETTINGS_FILE_FORMAT = 'local-meetups-settings';
/** 2: feeds carry a home instead of the "all events local" tick (version 1 files still import). */
export const SETTINGS_FILE_VERSION = 2;

export interface SettingsFile {
  format: typeof SETTINGS_FILE_FORMAT;
  version: number;
  exportedAt: string;
  settings: Settings;
  feeds: FeedConfig[];
}

export function buildSettingsFile(settings: Settings, feeds: FeedConfig[], nowMs: number): SettingsFile {
  return {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_FILE_VERSION,
    exportedAt: new Date(nowMs).toISOString(),
    settings,
    feeds,
  };
}

/** Codes the page translates; `path` says where (`feeds[2].url`). */
export type ImportProblemCode =
  | 'notJson'
  | 'notSettingsFile'
  | 'newerVersion'
  | 'missing'
  | 'wrongType'
  | 'outOfRange'
  | 'badUrl'
  | 'badTimeZone'
  | 'badValue'
  | 'duplicate'
  | 'tooMany';

export interface ImportProblem {
  path: string;
  code: ImportProblemCode;
}

export type ImportResult =
  | { ok: true; settings: Settings; feeds: FeedConfig[] }
  | { ok: false; problems: ImportProblem[] };

const FEED_FORMATS: readonly FeedFormatSetting[] = ['auto', 'ical', 'json', 'html'];
const MAX_FEEDS = 500;

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

class Checker {
  problems: ImportProblem[] = [];

  fail(path: string, code: ImportProblemCode): undefined {
    this.problems.push({ path, code });
    return undefined;
  }

  /** A value that may be absent (an older export): absent gives the default. */
  optional<T>(obj: Obj, key: string, path: string, fallback: T, check: (value: unknown, path: string) => T | undefined): T {
    if (!(key in obj) || obj[key] === undefined) return fallback;
    return check(obj[key], path) ?? fallback;
  }

  required<T>(obj: Obj, key: string, path: string, check: (value: unknown, path: string) => T | undefined): T | undefined {
    if (!(key in obj) || obj[key] === undefined) return this.fail(path, 'missing');
    return check(obj[key], path);
  }

  boolean = (value: unknown, path: string): boolean | undefined =>
    typeof value === 'boolean' ? value : this.fail(path, 'wrongType');

  string = (value: unknown, path: string): string | undefined =>
    typeof value === 'string' ? value : this.fail(path, 'wrongType');

  number(min: number, max: number) {
    return (value: unknown, path: string): number | undefined => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return this.fail(path, 'wrongType');
      return value >= min && value <= max ? value : this.fail(path, 'outOfRange');
    };
  }

  oneOf<T extends string>(options: readonly T[]) {
    return (value: unknown, path: string): T | undefined => {
      if (typeof value !== 'string') return this.fail(path, 'wrongType');
      return (options as readonly string[]).includes(value) ? (value as T) : this.fail(path, 'badValue');
    };
  }

  nullable<T>(check: (value: unknown, path: string) => T | undefined) {
    return (value: unknown, path: string): T | null | undefined => (value === null ? null : check(value, path));
  }

  timeZone = (value: unknown, path: string): string | undefined => {
    if (typeof value !== 'string') return this.fail(path, 'wrongType');
    return canonicalTimeZone(value) ?? this.fail(path, 'badTimeZone');
  };

  url(protocols: readonly string[]) {
    return (value: unknown, path: string): string | undefined => {
      if (typeof value !== 'string') return this.fail(path, 'wrongType');
      try {
        const url = new URL(value.trim());
        return protocols.includes(url.protocol) ? value.trim() : this.fail(path, 'badUrl');
      } catch {
        return this.fail(path, 'badUrl');
      }
    };
  }
}

function checkCity(c: Checker, value: unknown, path: string): UserCity | undefined {
  if (!isObject(value)) return c.fail(path, 'wrongType');
  const name = c.required(value, 'name', `${path}.name`, c.string);
  if (name !== undefined && !name.trim()) c.fail(`${path}.name`, 'badValue');
  const country = c.required(value, 'country', `${path}.country`, c.string);
  const lat = c.required(value, 'lat', `${path}.lat`, c.number(-90, 90));
  const lon = c.required(value, 'lon', `${path}.lon`, c.number(-180, 180));
  const geonameId = c.optional(value, 'geonameId', `${path}.geonameId`, null, c.nullable(c.number(0, Number.MAX_SAFE_INTEGER)));
  const region = c.optional(value, 'region', `${path}.region`, null, c.nullable(c.string));
  const timeZone = c.optional(value, 'timeZone', `${path}.timeZone`, null, c.nullable(c.timeZone));
  if (name === undefined || country === undefined || lat === undefined || lon === undefined) return undefined;
  return { geonameId: geonameId ?? null, name: name.trim(), region: region ?? null, country, lat, lon, timeZone: timeZone ?? null };
}

function checkSettings(c: Checker, value: unknown): Settings | undefined {
  if (!isObject(value)) return c.fail('settings', 'wrongType');
  const d = DEFAULT_SETTINGS;
  const city =
    'city' in value && value.city !== null && value.city !== undefined ? checkCity(c, value.city, 'settings.city') ?? null : null;
  return {
    city,
    radiusKm: c.optional(value, 'radiusKm', 'settings.radiusKm', d.radiusKm, c.number(1, 1000)),
    includeOnline: c.optional(value, 'includeOnline', 'settings.includeOnline', d.includeOnline, c.boolean),
    refreshMinutes: c.optional(value, 'refreshMinutes', 'settings.refreshMinutes', d.refreshMinutes, c.number(MIN_REFRESH_MINUTES, MAX_REFRESH_MINUTES)),
    badgeMode: c.optional(value, 'badgeMode', 'settings.badgeMode', d.badgeMode, c.oneOf(['new', 'week'] as const)),
    notifyNewEvents: c.optional(value, 'notifyNewEvents', 'settings.notifyNewEvents', d.notifyNewEvents, c.boolean),
    notifyStarredChanges: c.optional(value, 'notifyStarredChanges', 'settings.notifyStarredChanges', d.notifyStarredChanges, c.boolean),
    reminderMinutes: c.optional(value, 'reminderMinutes', 'settings.reminderMinutes', d.reminderMinutes, c.number(0, 7 * 24 * 60)),
    directoryUrl: c.optional(value, 'directoryUrl', 'settings.directoryUrl', d.directoryUrl, c.nullable(c.url(['http:', 'https:']))),
    // An imported "on" is kept, but the hint only shows once the browser grants its permission (page-hint.ts).
    pageFeedHint: c.optional(value, 'pageFeedHint', 'settings.pageFeedHint', d.pageFeedHint, c.boolean),
  };
}

const HOME_SOURCES: readonly FeedHomeSource[] = ['directory', 'learned', 'user'];

function checkHome(c: Checker, value: unknown, path: string): FeedHome | undefined {
  if (!isObject(value)) return c.fail(path, 'wrongType');
  const city = c.required(value, 'city', `${path}.city`, c.string);
  if (city !== undefined && !city.trim()) c.fail(`${path}.city`, 'badValue');
  const country = c.required(value, 'country', `${path}.country`, c.string);
  const lat = c.required(value, 'lat', `${path}.lat`, c.number(-90, 90));
  const lon = c.required(value, 'lon', `${path}.lon`, c.number(-180, 180));
  const source = c.optional(value, 'source', `${path}.source`, 'user' as FeedHomeSource, c.oneOf(HOME_SOURCES));
  if (city === undefined || country === undefined || lat === undefined || lon === undefined) return undefined;
  return { city: city.trim(), country, lat, lon, source };
}

function checkFeed(c: Checker, value: unknown, path: string, city: UserCity | null): FeedConfig | undefined {
  if (!isObject(value)) return c.fail(path, 'wrongType');
  const id = c.required(value, 'id', `${path}.id`, c.string);
  if (id !== undefined && !id.trim()) c.fail(`${path}.id`, 'badValue');
  const url = c.required(value, 'url', `${path}.url`, c.url(['http:', 'https:', 'webcal:']));
  const name = c.optional(value, 'name', `${path}.name`, '', c.string);
  const format = c.optional(value, 'format', `${path}.format`, 'auto' as FeedFormatSetting, c.oneOf(FEED_FORMATS));
  const enabled = c.optional(value, 'enabled', `${path}.enabled`, true, c.boolean);
  const timeZone = c.optional(value, 'timeZone', `${path}.timeZone`, null, c.nullable(c.timeZone));
  // A version 1 file's tick maps as the stored feeds' migration maps it (lib/migrations/feeds-v2.ts).
  const allEventsLocal = c.optional(value, 'allEventsLocal', `${path}.allEventsLocal`, false, c.boolean);
  const home = c.optional(value, 'home', `${path}.home`, null, c.nullable((home, at) => checkHome(c, home, at)));
  const learnHome = c.optional(value, 'learnHome', `${path}.learnHome`, true, c.boolean);
  const addedAt = c.optional(value, 'addedAt', `${path}.addedAt`, '', c.string);
  if (addedAt && Number.isNaN(Date.parse(addedAt))) c.fail(`${path}.addedAt`, 'badValue');
  if (id === undefined || url === undefined) return undefined;
  return {
    id,
    url,
    name,
    format,
    enabled,
    timeZone: timeZone ?? null,
    home: home ?? homeOfAllEventsLocal(allEventsLocal, city),
    ...(learnHome ? {} : { learnHome: false }),
    addedAt: addedAt || new Date(0).toISOString(),
  };
}

/** Parses and validates a file's text. Never throws. */
export function parseSettingsFile(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ path: '', code: 'notJson' }] };
  }
  return validateSettingsFile(json);
}

export function validateSettingsFile(input: unknown): ImportResult {
  if (!isObject(input) || input.format !== SETTINGS_FILE_FORMAT) {
    return { ok: false, problems: [{ path: 'format', code: 'notSettingsFile' }] };
  }
  const c = new Checker();
  const version = c.required(input, 'version', 'version', c.number(1, Number.MAX_SAFE_INTEGER));
  if (version !== undefined && version > SETTINGS_FILE_VERSION) c.fail('version', 'newerVersion');
  const settings = c.required(input, 'settings', 'settings', (value) => checkSettings(c, value));
  const feeds: FeedConfig[] = [];
  const rawFeeds = c.required(input, 'feeds', 'feeds', (value, path) => (Array.isArray(value) ? value : c.fail(path, 'wrongType')));
  if (rawFeeds) {
    if (rawFeeds.length > MAX_FEEDS) c.fail('feeds', 'tooMany');
    const ids = new Set<string>();
    const urls = new Set<string>();
    rawFeeds.slice(0, MAX_FEEDS).forEach((raw, index) => {
      const feed = checkFeed(c, raw, `feeds[${index}]`, settings?.city ?? null);
      if (!feed) return;
      if (ids.has(feed.id)) c.fail(`feeds[${index}].id`, 'duplicate');
      ids.add(feed.id);
      // The same feed twice (a file written before two spellings of one address were told apart): the first
      // is kept, as adding it again would have answered "already added".
      if (urls.has(feedKey(feed.url))) return;
      urls.add(feedKey(feed.url));
      feeds.push(feed);
    });
  }
  if (c.problems.length || !settings) return { ok: false, problems: c.problems };
  return { ok: true, settings, feeds };
}
