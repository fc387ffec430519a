/**
 * Refresh runs: which feeds, how many at once, progress for the popup, and what happens after (notifications,
 * badge). A feed already being fetched is never fetched twice at once; a run waits for it instead.
 */
import type { RefreshSummary } from '../messages';
import type { FeedConfig, Settings } from '../settings';
import { feedDataItem, feedsItem, refreshStatusItem, settingsItem, starredItem } from '../storage';
import { mapWithConcurrency } from './concurrency';
import { isFeedDue } from './schedule';
import { feedByteBudget } from './storage-budget';
import { syncFeed, type FeedSyncResult, type SyncDeps } from './sync-feed';

export const DEFAULT_CONCURRENCY = 4;

export interface RefreshOptions {
  /** Ignore schedules and backoff (the user asked). */
  force: boolean;
  /** Only these feeds; default every enabled feed. */
  feedIds?: string[];
  /** Fetch without validators (the feed's settings changed). */
  ignoreValidators?: boolean;
}

export interface Refresher {
  run(options: RefreshOptions): Promise<RefreshSummary>;
  /** Resolves when nothing is being fetched (tests, and the worker before reporting). */
  idle(): Promise<void>;
}

/** Called once per run with the results of the feeds this run fetched. */
export type AfterRun = (results: FeedSyncResult[], settings: Settings) => Promise<void>;

export function createRefresher(deps: SyncDeps & { concurrency?: number }, afterRun: AfterRun): Refresher {
  const inFlight = new Map<string, Promise<FeedSyncResult>>();
  let activeRuns = 0;
  let total = 0;
  let done = 0;
  let runs: Promise<unknown>[] = [];

  async function writeStatus(running: boolean): Promise<void> {
    const previous = await refreshStatusItem.getValue();
    await refreshStatusItem.setValue({
      running,
      done,
      total,
      lastRefresh: running ? previous.lastRefresh : new Date(deps.now()).toISOString(),
    });
  }

  async function run(options: RefreshOptions): Promise<RefreshSummary> {
    const [settings, feeds] = await Promise.all([settingsItem.getValue(), feedsItem.getValue()]);
    const wanted = feeds.filter((feed) => feed.enabled && (!options.feedIds || options.feedIds.includes(feed.id)));
    const selected: FeedConfig[] = [];
    for (const feed of wanted) {
      if (options.force || inFlight.has(feed.id)) selected.push(feed);
      else if (isFeedDue((await feedDataItem(feed.id).getValue()).state, deps.now(), settings.refreshMinutes)) selected.push(feed);
    }
    const summary: RefreshSummary = { refreshed: 0, unchanged: 0, failed: 0, skipped: wanted.length - selected.length };
    if (selected.length === 0) return summary;

    activeRuns += 1;
    total += selected.length;
    await writeStatus(true);
    const budgetBytes = feedByteBudget(feeds.length);
    const starredIds = new Set(Object.values(await starredItem.getValue()).map((snapshot) => snapshot.id));
    const owned: FeedSyncResult[] = [];
    const task = async (feed: FeedConfig): Promise<FeedSyncResult> => {
      const running = inFlight.get(feed.id);
      if (running) return running;
      const promise = syncFeed(feed, { settings, budgetBytes, ignoreValidators: options.ignoreValidators, starredIds }, deps).finally(() => inFlight.delete(feed.id));
      inFlight.set(feed.id, promise);
      const result = await promise;
      owned.push(result);
      return result;
    };
    // What `idle()` waits for is the whole run, its afterRun included: a promise that settles before the run is
    // taken off the list would make `idle()` spin on microtasks and starve the storage calls the run still awaits.
    let finished!: () => void;
    const whole = new Promise<void>((resolve) => (finished = resolve));
    runs.push(whole);
    try {
      const results = await mapWithConcurrency(selected, deps.concurrency ?? DEFAULT_CONCURRENCY, async (feed) => {
        const result = await task(feed);
        done += 1;
        await writeStatus(true);
        return result;
      });
      for (const result of results) summary[result.outcome] += 1;
      await afterRun(owned, settings);
    } finally {
      try {
        activeRuns -= 1;
        if (activeRuns === 0) {
          await writeStatus(false);
          total = 0;
          done = 0;
        }
      } finally {
        runs = runs.filter((p) => p !== whole);
        finished();
      }
    }
    return summary;
  }

  return {
    run,
    async idle() {
      while (runs.length > 0) await Promise.allSettled(runs);
    },
  };
}
