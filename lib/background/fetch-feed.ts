/**
 * One HTTP request for a feed: conditional (an unchanged feed costs a 304 and no parsing), bounded in time
 * and size, and every failure turned into a short sentence a user can act on.
 */
import { FeedError, isFeedError } from '../feeds/errors';
import { hostOf } from '../host-name';
import { httpProblem, problemOfFeedError, type FeedProblem } from '../feed-problem';

export const FETCH_TIMEOUT_MS = 20_000;
export const MAX_FEED_BYTES = 5 * 1024 * 1024;

export interface FetchDeps {
  fetch: typeof fetch;
  /** lib/feeds `readBodyWithLimit`: throws FeedError('too-large') past the limit. */
  readBody: (response: Response, limit: number) => Promise<string>;
  /** lib/feeds `toFetchUrl`: webcal:// → https://, throws FeedError for other schemes. */
  toFetchUrl: (url: string) => string;
  /** False when the origin was never granted: a failed request then says so rather than "could not reach". */
  hasHostPermission?: (url: string) => Promise<boolean>;
  timeoutMs?: number;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | { kind: 'unchanged'; validators: Validators }
  | { kind: 'body'; body: string; contentType: string | null; url: string; validators: Validators }
  /** `message` is the English sentence (CLI, logs, fallback); `problem` is what the pages translate. */
  | { kind: 'error'; code: FeedError['code'] | 'permission'; message: string; problem: FeedProblem };

const ACCEPT =
  'text/calendar, application/calendar+json, application/ld+json, application/json;q=0.9, text/html;q=0.5, */*;q=0.1';

export async function fetchFeed(url: string, validators: Validators, deps: FetchDeps): Promise<FetchResult> {
  let fetchUrl: string;
  try {
    fetchUrl = deps.toFetchUrl(url);
  } catch (error) {
    return {
      kind: 'error',
      code: 'unsupported-url',
      message: isFeedError(error) ? error.message : 'Not a web address',
      problem: { code: 'unsupportedUrl', params: {} },
    };
  }
  const timeoutMs = deps.timeoutMs ?? FETCH_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers: Record<string, string> = { Accept: ACCEPT };
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
  try {
    const response = await deps.fetch(fetchUrl, {
      headers,
      signal: controller.signal,
      credentials: 'omit',
      redirect: 'follow',
    });
    const next: Validators = {
      etag: response.headers.get('ETag') ?? validators.etag,
      lastModified: response.headers.get('Last-Modified') ?? validators.lastModified,
    };
    if (response.status === 304) return { kind: 'unchanged', validators: next };
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return {
        kind: 'error',
        code: 'http',
        message: `Server answered ${response.status}`,
        problem: httpProblem(response.status, hostOf(fetchUrl)),
      };
    }
    // The body must arrive before the timeout too: a server trickling bytes is as stuck as a silent one.
    const body = await deps.readBody(response, MAX_FEED_BYTES);
    return {
      kind: 'body',
      body,
      contentType: response.headers.get('Content-Type'),
      url: response.url || fetchUrl,
      validators: { etag: response.headers.get('ETag'), lastModified: response.headers.get('Last-Modified') },
    };
  } catch (error) {
    if (controller.signal.aborted) {
      const seconds = Math.round(timeoutMs / 1000);
      return {
        kind: 'error',
        code: 'timeout',
        message: `Timed out after ${seconds} s`,
        problem: { code: 'timeout', params: { host: hostOf(fetchUrl), seconds } },
      };
    }
    if (isFeedError(error)) {
      return {
        kind: 'error',
        code: error.code,
        message: error.message,
        problem: problemOfFeedError(error.code, error.message, { host: hostOf(fetchUrl), limitBytes: MAX_FEED_BYTES }),
      };
    }
    // Without the origin's permission only servers that allow CORS answer: say which case this is.
    if (deps.hasHostPermission && !(await deps.hasHostPermission(fetchUrl).catch(() => true))) {
      const host = hostOf(fetchUrl);
      return { kind: 'error', code: 'permission', message: `No permission to read ${host} yet`, problem: { code: 'permission', params: { host } } };
    }
    const host = hostOf(fetchUrl);
    return { kind: 'error', code: 'network', message: `Could not reach ${host}`, problem: { code: 'network', params: { host } } };
  } finally {
    clearTimeout(timer);
  }
}
