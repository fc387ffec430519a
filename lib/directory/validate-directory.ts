/**
 * A hand-written validator for the groups directory: a downloaded file is untrusted input, and one bad entry
 * must not reach the options page (a `javascript:` homepage, a feed on a random host, coordinates as text).
 * No schema library: the shape is small and the messages read better when written for it.
 */
import { DIRECTORY_SCHEMA_VERSION, type DirectoryGroup, type GroupsDirectory } from './directory-schema';

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

/** Errors of one entry, each prefixed with where it is (`groups[3] (CaenCamp).feedUrl: …`). */
export function validateGroup(entry: unknown, where: string): string[] {
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
  if (!httpUrl(entry.source)) errors.push(`${at}.source: the http(s) URL where the feed was verified is required`);
  return errors;
}

export function validateDirectory(data: unknown): DirectoryValidation {
  if (!isRecord(data)) return { ok: false, errors: ['the directory is not a JSON object'] };
  if (data.schemaVersion !== DIRECTORY_SCHEMA_VERSION) {
    return { ok: false, errors: [`schemaVersion ${JSON.stringify(data.schemaVersion)} is not supported (expected ${DIRECTORY_SCHEMA_VERSION})`] };
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
    errors.push(...validateGroup(entry, where));
    if (isRecord(entry) && typeof entry.feedUrl === 'string') {
      if (feedUrls.has(entry.feedUrl)) errors.push(`${where}.feedUrl: listed twice (${entry.feedUrl})`);
      feedUrls.add(entry.feedUrl);
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  // Copy only the known fields: extra fields in a downloaded file never travel further.
  const groups: DirectoryGroup[] = (data.groups as Record<string, unknown>[]).map((entry) => {
    const coordinates = entry.coordinates as { lat: number; lon: number };
    return {
      name: (entry.name as string).trim(),
      city: (entry.city as string).trim(),
      country: entry.country as string,
      coordinates: { lat: coordinates.lat, lon: coordinates.lon },
      feedUrl: entry.feedUrl as string,
      format: entry.format as DirectoryGroup['format'],
      homepage: entry.homepage as string | null,
      tags: (entry.tags as string[]).map((tag) => tag.trim()),
      source: entry.source as string,
    };
  });
  return { ok: true, directory: { schemaVersion: DIRECTORY_SCHEMA_VERSION, version: data.version as string, groups } };
}
