/**
 * A hand-written validator for the groups directory: a downloaded file is untrusted input, and one bad entry
 * must not reach the options page (a `javascript:` homepage, a feed on a random host, coordinates as text).
 * No schema library: the shape is small and the messages read better when written for it.
 */
import {
  DIRECTORY_PLATFORMS,
  DIRECTORY_SCHEMA_VERSION,
  READABLE_DIRECTORY_SCHEMA_VERSIONS,
  type DirectoryGroup,
  type DirectorySource,
  type GroupsDirectory,
} from './directory-schema';
import { feedUrlPlatform } from '../discover/platform-urls';
import { feedKey } from '../stored-feed-url';

export type DirectoryValidation =
  | { ok: true; directory: GroupsDirectory }
  | { ok: false; errors: string[] };

const FORMATS = new Set(['ical', 'json', 'html']);
const MAX_GROUPS = 5000;
const MAX_TEXT = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_TEXT;
}

function httpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.href.length <= 2000;
  } catch {
    return false;
  }
}

function inRange(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

const MAX_SOURCES = 20;

function sourceErrors(sources: unknown, at: string): string[] {
  if (!Array.isArray(sources) || sources.length === 0 || sources.length > MAX_SOURCES) {
    return [`${at}.sources: a list of 1 to ${MAX_SOURCES} { name, url, licence } is required`];
  }
  return sources.flatMap((source, i) => {
    const where = `${at}.sources[${i}]`;
    if (!isRecord(source)) return [`${where}: not an object`];
    const errors: string[] = [];
    if (!text(source.name)) errors.push(`${where}.name: a non-empty text is required`);
    if (!httpUrl(source.url)) errors.push(`${where}.url: an http(s) URL is required`);
    if (source.licence !== null && !text(source.licence)) errors.push(`${where}.licence: a licence name or null is required`);
    return errors;
  });
}

/**
 * Errors of one entry, each prefixed with where it is (`groups[3] (CaenCamp).feedUrl: …`). `schemaVersion`
 * says which shape to expect: version 1 has one `source` URL and no `platform`.
 */
export function validateGroup(entry: unknown, where: string, schemaVersion: number = DIRECTORY_SCHEMA_VERSION): string[] {
  if (!isRecord(entry)) return [`${where}: not an object`];
  const at = `${where}${text(entry.name) ? ` (${entry.name})` : ''}`;
  const errors: string[] = [];
  if (!text(entry.name)) errors.push(`${at}.name: a non-empty text is required`);
  if (!text(entry.city)) errors.push(`${at}.city: a non-empty text is required`);
  if (typeof entry.country !== 'string' || !/^[A-Z]{2}$/.test(entry.country)) {
    errors.push(`${at}.country: an ISO 3166-1 alpha-2 code (FR, DE…) is required`);
  }
  const coordinates = entry.coordinates;
  if (!isRecord(coordinates) || !inRange(coordinates.lat, -90, 90) || !inRange(coordinates.lon, -180, 180)) {
    errors.push(`${at}.coordinates: { lat: -90…90, lon: -180…180 } numbers are required`);
  }
  if (!httpUrl(entry.feedUrl)) errors.push(`${at}.feedUrl: an http(s) URL is required`);
  if (typeof entry.format !== 'string' || !FORMATS.has(entry.format)) {
    errors.push(`${at}.format: one of ical, json, html is required`);
  }
  if (entry.homepage !== null && !httpUrl(entry.homepage)) errors.push(`${at}.homepage: an http(s) URL or null is required`);
  if (!Array.isArray(entry.tags) || !entry.tags.every(text)) errors.push(`${at}.tags: a list of non-empty texts is required`);
  if (schemaVersion === 1) {
    if (!httpUrl(entry.source)) errors.push(`${at}.source: the http(s) URL where the feed was verified is required`);
  } else {
    if (typeof entry.platform !== 'string' || !(DIRECTORY_PLATFORMS as readonly string[]).includes(entry.platform)) {
      errors.push(`${at}.platform: one of ${DIRECTORY_PLATFORMS.join(', ')} is required`);
    }
    errors.push(...sourceErrors(entry.sources, at));
  }
  return errors;
}

export function validateDirectory(data: unknown): DirectoryValidation {
  if (!isRecord(data)) return { ok: false, errors: ['the directory is not a JSON object'] };
  const schemaVersion = data.schemaVersion;
  if (typeof schemaVersion !== 'number' || !READABLE_DIRECTORY_SCHEMA_VERSIONS.includes(schemaVersion)) {
    return {
      ok: false,
      errors: [`schemaVersion ${JSON.stringify(schemaVersion)} is not supported (expected ${READABLE_DIRECTORY_SCHEMA_VERSIONS.join(' or ')})`],
    };
  }
  const errors: string[] = [];
  if (typeof data.version !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(data.version)) {
    errors.push('version: an ISO date (YYYY-MM-DD) is required');
  }
  if (!Array.isArray(data.groups)) return { ok: false, errors: [...errors, 'groups: a list is required'] };
  if (data.groups.length > MAX_GROUPS) errors.push(`groups: more than ${MAX_GROUPS} entries`);

  const feedUrls = new Set<string>();
  data.groups.forEach((entry, i) => {
    const where = `groups[${i}]`;
    errors.push(...validateGroup(entry, where, schemaVersion));
    if (isRecord(entry) && typeof entry.feedUrl === 'string') {
      const key = feedKey(entry.feedUrl);
      if (feedUrls.has(key)) errors.push(`${where}.feedUrl: listed twice (${entry.feedUrl})`);
      feedUrls.add(key);
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  // Copy only the known fields: extra fields in a downloaded file never travel further. A version 1 entry
  // becomes a version 2 one: its platform read from the feed URL, its one source URL a source without licence.
  const groups: DirectoryGroup[] = (data.groups as Record<string, unknown>[]).map((entry) => {
    const coordinates = entry.coordinates as { lat: number; lon: number };
    const feedUrl = entry.feedUrl as string;
    const sources: DirectorySource[] =
      schemaVersion === 1
        ? [{ name: new URL(entry.source as string).hostname, url: entry.source as string, licence: null }]
        : (entry.sources as Record<string, unknown>[]).map((source) => ({
            name: (source.name as string).trim(),
            url: source.url as string,
            licence: source.licence === null ? null : (source.licence as string).trim(),
          }));
    return {
      name: (entry.name as string).trim(),
      city: (entry.city as string).trim(),
      country: entry.country as string,
      coordinates: { lat: coordinates.lat, lon: coordinates.lon },
      feedUrl,
      format: entry.format as DirectoryGroup['format'],
      platform: schemaVersion === 1 ? (feedUrlPlatform(feedUrl) ?? 'other') : (entry.platform as DirectoryGroup['platform']),
      homepage: entry.homepage as string | null,
      tags: (entry.tags as string[]).map((tag) => tag.trim()),
      sources,
    };
  });
  return { ok: true, directory: { schemaVersion: DIRECTORY_SCHEMA_VERSION, version: data.version as string, groups } };
}
