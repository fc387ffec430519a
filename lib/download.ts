/**
 * The one feed download, for the background worker and the command line alike: the URL rules (`webcal://` is
 * https, other schemes are refused), conditional requests (an unchanged feed costs a 304 and no parsing), one
 * Accept header, a timeout that also covers reading the body (a server trickling bytes is as stuck as a silent
 * one), one size limit, the body decoded as lib/feeds/body.ts decodes it, and every failure turned into a
 * short sentence a user can act on — plus its code, which the pages translate (lib/feed-problem.ts).
 * `fetch` is a parameter: the worker passes the browser's, the CLI Node's, tests their own.
 */
import { DEFAULT_BODY_LIMIT, readBodyWithLimit } from './feeds/body';
import { FeedError, isFeedError } from './feeds/errors';
import { feedErrorCodeOf, httpProblem, problemOfFeedError, type FeedProblem } from './feed-problem';
import { toFetchUrl } from './feed-url';
import { hostOf } from './host-name';

/** A feed host gets this long to send the whole body. */
export const FETCH_TIMEOUT_MS = 20_000;
/** The largest body read (the parser refuses larger texts with the same limit). */
export const MAX_FEED_BYTES = DEFAULT_BODY_LIMIT;
/** What we can read, best first; servers that negotiate then send a feed rather than a page. */
export const FEED_ACCEPT =
  'text/calendar, application/calendar+json, application/ld+json, application/json;q=0.9, text/html;q=0.5, */*;q=0.1';

export interface FetchDeps {
  fetch: typeof fetch;
  /** Default lib/feeds `readBodyWithLimit`: throws FeedError('tooLarge') past the limit. */
  readBody?: (response: Response, limit: number) => Promise<string>;
  /** Default lib/feed-url `toFetchUrl`: webcal:// → https://, throws FeedError for other schemes. */
  toFetchUrl?: (url: string) => string;
  /** False when the origin was never granted: a failed request then says so rather than "could not reach". */
  hasHostPermission?: (url: string) => Promise<boolean>;
  timeoutMs?: number;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export const NO_VALIDATORS: Validators = { etag: null, lastModified: null };

export type FetchResult =
  | { kind: 'unchanged'; validators: Validators }
  | { kind: 'body'; body: string; contentType: string | null; url: string; validators: Validators }
  /** `message` is the English sentence (CLI, logs, fallback); `problem` names the error, for the pages to translate. */
  | { kind: 'error'; message: string; problem: FeedProblem };

export async function fetchFeed(url: string, validators: Validators, deps: FetchDeps): Promise<FetchResult> {
  let fetchUrl: string;
  try {
    fetchUrl = (deps.toFetchUrl ?? toFetchUrl)(url);
  } catch (error) {
    return {
      kind: 'error',
      message: isFeedError(error) ? error.message : 'Not a web address',
      problem: { code: 'unsupportedUrl', params: {} },
    };
  }
  const host = hostOf(fetchUrl);
  const timeoutMs = deps.timeoutMs ?? FETCH_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers: Record<string, string> = { Accept: FEED_ACCEPT };
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
      const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
      return { kind: 'error', message: `HTTP ${status} from ${host}`, problem: httpProblem(response.status, host) };
    }
    const body = await (deps.readBody ?? readBodyWithLimit)(response, MAX_FEED_BYTES);
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
        message: `No complete answer from ${host} after ${seconds} s`,
        problem: { code: 'timeout', params: { host, seconds } },
      };
    }
    if (isFeedError(error)) {
      return {
        kind: 'error',
        message: error.message,
        problem: problemOfFeedError(error.code, error.message, { host, limitBytes: MAX_FEED_BYTES }, error.found),
      };
    }
    // Without the origin's permission only servers that allow CORS answer: say which case this is.
    if (deps.hasHostPermission && !(await deps.hasHostPermission(fetchUrl).catch(() => true))) {
      return { kind: 'error', message: `No permission to read ${host} yet`, problem: { code: 'permission', params: { host } } };
    }
    // Node names the cause (ENOTFOUND, ECONNREFUSED); a browser only says "Failed to fetch".
    const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined)?.code : undefined;
    return {
      kind: 'error',
      message: `Could not reach ${host}${typeof cause === 'string' ? ` (${cause})` : ''}`,
      problem: { code: 'network', params: { host } },
    };
  } finally {
    clearTimeout(timer);
  }
}

export interface DownloadedFeed {
  body: string;
  contentType: string | null;
  /** Where the body came from after redirects: the base for relative links. */
  url: string;
}

/** `fetchFeed` for the command line: the body, or a FeedError with the same short message. */
export async function downloadFeed(url: string, deps: Pick<FetchDeps, 'fetch' | 'timeoutMs'>): Promise<DownloadedFeed> {
  const result = await fetchFeed(url, NO_VALIDATORS, deps);
  if (result.kind === 'body') return { body: result.body, contentType: result.contentType, url: result.url };
  // No validators were sent, so no 304 can come back; nor a permission error, which only the worker asks about.
  if (result.kind === 'unchanged') throw new FeedError('http', `HTTP 304 from ${hostOf(url)} without a conditional request`);
  throw new FeedError(feedErrorCodeOf(result.problem.code), result.message);
}
