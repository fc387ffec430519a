/**
 * Updating the groups directory from `Settings.directoryUrl`. Pure: fetch and the clock are parameters, the
 * caller stores the returned state. A download is used only once it parsed and validated; a failed one keeps
 * what was in use (the last good download of that URL, else the bundled file) and reports a short error.
 */
import type { GroupsDirectory } from './directory-schema';
import { validateDirectory } from './validate-directory';

export type FetchLike = (input: string, init?: { signal?: AbortSignal; headers?: Record<string, string> }) => Promise<{
  ok: boolean;
  status: number;
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
}

export const EMPTY_DIRECTORY_STATE: DirectoryState = {
  downloaded: null,
  downloadedFrom: null,
  attemptedUrl: null,
  lastAttempt: null,
  lastSuccess: null,
  error: null,
};

/** Checked at most this often; directories change slowly. */
export const DIRECTORY_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const MAX_BYTES = 2_000_000;
const TIMEOUT_MS = 15_000;

export type DirectoryDownload = { ok: true; directory: GroupsDirectory } | { ok: false; error: string };

export async function downloadDirectory(url: string, fetchFn: FetchLike, timeoutMs = TIMEOUT_MS): Promise<DirectoryDownload> {
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
  try {
    const response = await fetchFn(parsedUrl.href, { signal: controller.signal, headers: { Accept: 'application/json' } });
    if (!response.ok) return { ok: false, error: `The directory could not be downloaded (HTTP ${response.status}).` };
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
  return { ok: true, directory: result.directory };
}

export function isDirectoryStale(state: DirectoryState, url: string | null, now: number): boolean {
  if (!url) return false;
  if (state.attemptedUrl !== url || !state.lastAttempt) return true;
  const last = Date.parse(state.lastAttempt);
  return !Number.isFinite(last) || now - last >= DIRECTORY_MAX_AGE_MS;
}

/** One update attempt; returns the new state to store. */
export async function refreshDirectory(
  state: DirectoryState,
  url: string | null,
  deps: { fetch: FetchLike; now: number },
): Promise<DirectoryState> {
  if (!url) return { ...EMPTY_DIRECTORY_STATE };
  const attempt = new Date(deps.now).toISOString();
  const result = await downloadDirectory(url, deps.fetch);
  if (result.ok) {
    return { downloaded: result.directory, downloadedFrom: url, attemptedUrl: url, lastAttempt: attempt, lastSuccess: attempt, error: null };
  }
  // Keep the previous good download only if it came from this same URL.
  const keep = state.downloadedFrom === url;
  return {
    downloaded: keep ? state.downloaded : null,
    downloadedFrom: keep ? state.downloadedFrom : null,
    attemptedUrl: url,
    lastAttempt: attempt,
    lastSuccess: keep ? state.lastSuccess : null,
    error: result.error,
  };
}

export interface DirectoryInUse {
  directory: GroupsDirectory;
  source: 'bundled' | 'downloaded';
  error: string | null;
}

/** The directory to suggest from: a validated download of the configured URL, else the bundled file. */
export function directoryInUse(state: DirectoryState, url: string | null, bundled: GroupsDirectory): DirectoryInUse {
  if (url && state.downloaded && state.downloadedFrom === url) {
    return { directory: state.downloaded, source: 'downloaded', error: state.error };
  }
  return { directory: bundled, source: 'bundled', error: url ? state.error : null };
}
