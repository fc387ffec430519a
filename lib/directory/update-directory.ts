/**
 * Updating the groups directory from `Settings.directoryUrl`. Pure: fetch and the clock are parameters, the
 * caller stores the returned state. A download is used only once it parsed and validated; a failed one keeps
 * what was in use (the last good download of that URL, else the bundled file) and reports a short error.
 * Downloads are conditional (If-None-Match / If-Modified-Since), so an unchanged file costs a 304; and a file
 * older (`version`) than the bundled one is never used, so an extension update is not undone by a stale host.
 */
import type { GroupsDirectory } from './directory-schema';
import { validateDirectory } from './validate-directory';

export type FetchLike = (input: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<{
  ok: boolean;
  status: number;
  headers?: { get(name: string): string | null };
  text(): Promise<string>;
}>;

/** What is stored between runs. */
export interface DirectoryState {
  /** The last download that validated, and the URL it came from. */
  downloaded: GroupsDirectory | null;
  downloadedFrom: string | null;
  /** The URL of the last attempt, so a changed setting is fetched at once. */
  attemptedUrl: string | null;
  /** ISO instants. */
  lastAttempt: string | null;
  lastSuccess: string | null;
  /** Short error of the last attempt; null when it succeeded. */
  error: string | null;
  /** Validators of the stored download, sent back so the host can answer 304 (absent in older states). */
  etag?: string | null;
  lastModified?: string | null;
}

export const EMPTY_DIRECTORY_STATE: DirectoryState = {
  downloaded: null,
  downloadedFrom: null,
  attemptedUrl: null,
  lastAttempt: null,
  lastSuccess: null,
  error: null,
  etag: null,
  lastModified: null,
};

/** Checked at most this often; directories change slowly. */
export const DIRECTORY_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const MAX_BYTES = 2_000_000;
const TIMEOUT_MS = 15_000;

export type DirectoryDownload =
  | { ok: true; directory: GroupsDirectory; etag: string | null; lastModified: string | null }
  | { ok: true; notModified: true }
  | { ok: false; error: string };

/** Validators of a previous download of the same URL, for a conditional request. */
export interface DirectoryValidators {
  etag?: string | null;
  lastModified?: string | null;
}

export async function downloadDirectory(
  url: string,
  fetchFn: FetchLike,
  timeoutMs = TIMEOUT_MS,
  validators: DirectoryValidators = {},
): Promise<DirectoryDownload> {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return { ok: false, error: 'The directory URL is not a valid URL.' };
  }
  if (parsedUrl.protocol !== 'https:' && parsedUrl.protocol !== 'http:') {
    return { ok: false, error: 'The directory URL must start with https://.' };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let body: string;
  let etag: string | null = null;
  let lastModified: string | null = null;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
  try {
    const response = await fetchFn(parsedUrl.href, { signal: controller.signal, headers });
    if (response.status === 304) return { ok: true, notModified: true };
    if (!response.ok) return { ok: false, error: `The directory could not be downloaded (HTTP ${response.status}).` };
    etag = response.headers?.get('ETag') ?? null;
    lastModified = response.headers?.get('Last-Modified') ?? null;
    body = await response.text();
  } catch {
    return { ok: false, error: controller.signal.aborted ? 'The directory download timed out.' : 'The directory could not be downloaded (network error).' };
  } finally {
    clearTimeout(timer);
  }
  if (body.length > MAX_BYTES) return { ok: false, error: 'The directory file is too large.' };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, error: 'The directory file is not valid JSON.' };
  }
  const result = validateDirectory(data);
  if (!result.ok) {
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
    return { ok: false, error: `The directory file does not follow the schema: ${result.errors[0]}${more}.` };
  }
  return { ok: true, directory: result.directory, etag, lastModified };
}

export function isDirectoryStale(state: DirectoryState, url: string | null, now: number): boolean {
  if (!url) return false;
  if (state.attemptedUrl !== url || !state.lastAttempt) return true;
  const last = Date.parse(state.lastAttempt);
  return !Number.isFinite(last) || now - last >= DIRECTORY_MAX_AGE_MS;
}

/** Data versions are ISO dates: plain string order is date order. */
export function isOlderDirectory(directory: Pick<GroupsDirectory, 'version'>, than: Pick<GroupsDirectory, 'version'>): boolean {
  return directory.version < than.version;
}

/**
 * One update attempt; returns the new state to store. `bundledVersion`: the bundled file's version, so a
 * downloaded file older than it is refused like an invalid one.
 */
export async function refreshDirectory(
  state: DirectoryState,
  url: string | null,
  deps: { fetch: FetchLike; now: number; bundledVersion?: string },
): Promise<DirectoryState> {
  if (!url) return { ...EMPTY_DIRECTORY_STATE };
  const attempt = new Date(deps.now).toISOString();
  // Validators only describe the download we still hold: without it, a 304 would leave nothing to use.
  const sameDownload = state.downloadedFrom === url && state.downloaded !== null;
  const validators = sameDownload ? { etag: state.etag ?? null, lastModified: state.lastModified ?? null } : {};
  let result = await downloadDirectory(url, deps.fetch, TIMEOUT_MS, validators);
  if (result.ok && 'notModified' in result) {
    if (sameDownload) return { ...state, attemptedUrl: url, lastAttempt: attempt, lastSuccess: attempt, error: null };
    result = { ok: false, error: 'The directory host answered "not modified" to a first download.' };
  }
  if (result.ok && 'directory' in result && deps.bundledVersion && isOlderDirectory(result.directory, { version: deps.bundledVersion })) {
    result = { ok: false, error: `The downloaded directory (${result.directory.version}) is older than the bundled one (${deps.bundledVersion}).` };
  }
  if (result.ok && 'directory' in result) {
    return {
      downloaded: result.directory,
      downloadedFrom: url,
      attemptedUrl: url,
      lastAttempt: attempt,
      lastSuccess: attempt,
      error: null,
      etag: result.etag,
      lastModified: result.lastModified,
    };
  }
  const error = result.ok ? 'The directory could not be downloaded.' : result.error;
  // Keep the previous good download only if it came from this same URL.
  const keep = state.downloadedFrom === url;
  return {
    downloaded: keep ? state.downloaded : null,
    downloadedFrom: keep ? state.downloadedFrom : null,
    attemptedUrl: url,
    lastAttempt: attempt,
    lastSuccess: keep ? state.lastSuccess : null,
    error,
    etag: keep ? (state.etag ?? null) : null,
    lastModified: keep ? (state.lastModified ?? null) : null,
  };
}

export interface DirectoryInUse {
  directory: GroupsDirectory;
  source: 'bundled' | 'downloaded';
  error: string | null;
}

/**
 * The directory to suggest from: a validated download of the configured URL, else the bundled file. A stored
 * download older than the bundled file (the extension was updated since) is ignored.
 */
export function directoryInUse(state: DirectoryState, url: string | null, bundled: GroupsDirectory): DirectoryInUse {
  if (url && state.downloaded && state.downloadedFrom === url && !isOlderDirectory(state.downloaded, bundled)) {
    return { directory: state.downloaded, source: 'downloaded', error: state.error };
  }
  return { directory: bundled, source: 'bundled', error: url ? state.error : null };
}
