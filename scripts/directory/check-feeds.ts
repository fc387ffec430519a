/**
 * Liveness of the directory's feeds: each fetched with a conditional GET (the ETag and Last-Modified of the
 * previous run, kept in a cache file outside git), a few at a time so no host is hammered. Dead feeds
 * (404/410) and empty ones (no VEVENT) are listed for a maintainer to drop or fix at their source.
 */
import type { DirectoryGroup } from '../../lib/directory/directory-schema';

export type FeedHealth = 'ok' | 'empty' | 'dead' | 'error';

export interface CacheEntry {
  etag: string | null;
  lastModified: string | null;
  /** What the body held when it was last downloaded, so a 304 keeps that verdict. */
  health: FeedHealth;
  events: number;
}

export type CheckCache = Record<string, CacheEntry>;

export interface FeedCheck {
  name: string;
  feedUrl: string;
  health: FeedHealth;
  status: number | null;
  events: number;
  /** The server answered 304: the cached verdict stands. */
  notModified: boolean;
  error?: string;
}

type FetchFn = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export function countEvents(body: string): number {
  return body.match(/^BEGIN:VEVENT\r?$/gm)?.length ?? 0;
}

async function checkOne(group: DirectoryGroup, cache: CheckCache, fetchFn: FetchFn, timeoutMs: number): Promise<FeedCheck> {
  const cached = cache[group.feedUrl];
  const headers: Record<string, string> = { Accept: 'text/calendar, */*;q=0.5' };
  if (cached?.etag) headers['If-None-Match'] = cached.etag;
  if (cached?.lastModified) headers['If-Modified-Since'] = cached.lastModified;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const base = { name: group.name, feedUrl: group.feedUrl };
  try {
    const response = await fetchFn(group.feedUrl, { headers, signal: controller.signal });
    if (response.status === 304 && cached) {
      return { ...base, health: cached.health, status: 304, events: cached.events, notModified: true };
    }
    if (response.status === 404 || response.status === 410) {
      delete cache[group.feedUrl];
      return { ...base, health: 'dead', status: response.status, events: 0, notModified: false };
    }
    if (response.status < 200 || response.status >= 300) {
      return { ...base, health: 'error', status: response.status, events: 0, notModified: false, error: `HTTP ${response.status}` };
    }
    const events = countEvents(await response.text());
    const health: FeedHealth = events > 0 ? 'ok' : 'empty';
    cache[group.feedUrl] = { etag: response.headers.get('ETag'), lastModified: response.headers.get('Last-Modified'), health, events };
    return { ...base, health, status: response.status, events, notModified: false };
  } catch (error) {
    const message = controller.signal.aborted ? 'timed out' : error instanceof Error ? error.message : String(error);
    return { ...base, health: 'error', status: null, events: 0, notModified: false, error: message };
  } finally {
    clearTimeout(timer);
  }
}

/** Checks every group's feed, `concurrency` at a time; results in the directory's order. */
export async function checkFeeds(
  groups: readonly DirectoryGroup[],
  deps: { fetch: FetchFn; cache: CheckCache; concurrency?: number; timeoutMs?: number; onResult?: (check: FeedCheck) => void },
): Promise<FeedCheck[]> {
  const results: FeedCheck[] = new Array(groups.length);
  let next = 0;
  const worker = async () => {
    while (next < groups.length) {
      const i = next++;
      results[i] = await checkOne(groups[i]!, deps.cache, deps.fetch, deps.timeoutMs ?? 20_000);
      deps.onResult?.(results[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, groups.length) }, worker));
  return results;
}

export function formatChecks(checks: readonly FeedCheck[]): string {
  const of = (health: FeedHealth) => checks.filter((c) => c.health === health);
  const lines = [
    `${checks.length} feeds: ${of('ok').length} with events, ${of('empty').length} empty, ${of('dead').length} dead, ${of('error').length} unreachable; ${checks.filter((c) => c.notModified).length} unchanged (304).`,
  ];
  for (const health of ['dead', 'empty', 'error'] as const) {
    if (of(health).length === 0) continue;
    lines.push('', `${health === 'dead' ? 'Dead (404/410)' : health === 'empty' ? 'Empty (no events)' : 'Unreachable'}:`);
    for (const c of of(health)) lines.push(`  ${c.name}  ${c.feedUrl}${c.status ? `  HTTP ${c.status}` : ''}${c.error ? `  ${c.error}` : ''}`);
  }
  return lines.join('\n');
}
