/**
 * One feed download: the URL rules, a timeout that also covers reading the body, the size limit, and errors
 * short enough to show as they are. `fetch` is a parameter so tests (and the worker) pass their own.
 */
import { DEFAULT_BODY_LIMIT, readBodyWithLimit } from './body';
import { FeedError } from './errors';
import { toFetchUrl } from '../feed-url';

export interface DownloadOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  limitBytes?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface DownloadedFeed {
  body: string;
  contentType: string | null;
  /** Where the body came from after redirects: the base for relative links. */
  url: string;
}

/** What we can read, best first; servers that negotiate then send a feed rather than a page. */
export const FEED_ACCEPT =
  'text/calendar, application/calendar+json, application/ld+json, application/json;q=0.9, text/html;q=0.8, */*;q=0.5';

export async function downloadFeed(url: string, options: DownloadOptions = {}): Promise<DownloadedFeed> {
  const target = toFetchUrl(url);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(target, {
      signal: controller.signal,
      redirect: 'follow',
      headers: { Accept: FEED_ACCEPT, ...options.headers },
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new FeedError('http', `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${new URL(target).host}`);
    }
    const body = await readBodyWithLimit(response, options.limitBytes ?? DEFAULT_BODY_LIMIT);
    return { body, contentType: response.headers.get('content-type'), url: response.url || target };
  } catch (error) {
    if (error instanceof FeedError) throw error;
    if (timedOut) throw new FeedError('timeout', `No complete answer from ${new URL(target).host} after ${Math.round(timeoutMs / 1000)} s`);
    const cause = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
    throw new FeedError('network', `Could not reach ${new URL(target).host} (${cause})`);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
