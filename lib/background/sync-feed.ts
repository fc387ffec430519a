/**
 * Fetches, parses and resolves one feed and writes its result in ONE storage write, so a worker stopped
 * mid-refresh leaves the feed either old or new. A failure keeps the last good events.
 */
import { isFeedError } from '../feeds/errors';
import type { MeetupEvent } from '../events';
import type { FeedConfig, FeedHome, Settings } from '../settings';
import type { CityMatch } from '../location/city-match';
import { applyFeedHome, nextFeedHome, sameHome } from '../location/feed-home';
import { feedDataItem, feedsItem, type FeedData, type FeedState } from '../storage';
import { feedZoneOptions } from '../location/default-zone';
import { readingZone } from '../upcoming';
import { problemOfFeedError } from '../feed-problem';
import type { ParseFeed, ResolveEvents } from './deps';
import { fetchFeed, type FetchDeps } from '../download';
import { addedEvents, starredEventsOf } from './feed-changes';
import { backoffMs } from './schedule';
import { fitEventsToBudget, pruneEvents } from './storage-budget';

export type FeedOutcome = 'refreshed' | 'unchanged' | 'failed';

/**
 * What a run keeps of each feed until its notifications are planned: only the events they need, not the feed.
 * A run over 50 feeds of 1,000 events that kept each feed before and after made the worker's memory grow with
 * every feed.
 */
export interface FeedSyncResult {
  feedId: string;
  outcome: FeedOutcome;
  /** New since the last sync (see `addedEvents`); empty unless refreshed. */
  added: MeetupEvent[];
  /** The events starred snapshots point at (see `starredEventsOf`); empty unless refreshed. */
  starredEvents: MeetupEvent[];
}

export interface SyncDeps extends FetchDeps {
  now: () => number;
  parse: ParseFeed;
  resolve: ResolveEvents;
  /** The gazetteer town nearest a point: names the home a feed learns. */
  nearestCity: (lat: number, lon: number) => Promise<CityMatch | null>;
}

export interface SyncContext {
  settings: Settings;
  /** Share of the storage budget this feed may use (lib/background/storage-budget.ts). */
  budgetBytes: number;
  /** Fetch without ETag/Last-Modified: the feed's settings changed, a 304 would keep stale parsing. */
  ignoreValidators?: boolean;
  /** Ids of the starred events when the run started: their events are kept for the starred-change check. */
  starredIds?: ReadonlySet<string>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Fetch + parse + resolve without saving: shared by the sync and the options page's preview. The result carries
 * the feed's home after this read (learned from the events when the feed may learn one) with the events placed.
 */
export async function readFeed(
  config: Pick<FeedConfig, 'id' | 'url' | 'format' | 'timeZone' | 'home' | 'learnHome'>,
  settings: Settings,
  validators: { etag: string | null; lastModified: string | null },
  deps: SyncDeps,
) {
  const fetched = await fetchFeed(config.url, validators, deps);
  if (fetched.kind !== 'body') return fetched;
  let parsed;
  try {
    parsed = deps.parse(fetched.body, {
      feedId: config.id,
      // The feed's zone setting > the zone the feed declares (X-WR-TIMEZONE…) > the city's zone > the system's.
      ...feedZoneOptions(settings.city, config),
      now: deps.now(),
      baseUrl: fetched.url,
      format: config.format,
      contentType: fetched.contentType,
    });
  } catch (error) {
    // The parser's own code (empty, notAFeed, tooDeep…) says more than "malformed".
    const code = isFeedError(error) ? error.code : ('malformed' as const);
    const message = isFeedError(error) ? error.message : 'Could not read this feed';
    return { kind: 'error' as const, message, problem: problemOfFeedError(code, message, {}, isFeedError(error) ? error.found : undefined) };
  }
  let events: MeetupEvent[] = parsed.events;
  const warnings = [...parsed.warnings];
  let home: FeedHome | null = config.home ?? null;
  try {
    events = await deps.resolve(parsed.events, { city: settings.city, feed: config });
    home = await nextFeedHome(config, events, (lat, lon) => deps.nearestCity(lat, lon).catch(() => null));
    events = applyFeedHome(events, home, settings.city);
  } catch {
    // Places are a refinement: the events are still worth keeping without them.
    warnings.push('Could not place the events on the map this time');
  }
  return { kind: 'parsed' as const, parsed: { ...parsed, events, warnings }, validators: fetched.validators, home };
}

export async function syncFeed(config: FeedConfig, context: SyncContext, deps: SyncDeps): Promise<FeedSyncResult> {
  const item = feedDataItem(config.id);
  const previous = await item.getValue();
  const attemptMs = deps.now();
  const attempt = iso(attemptMs);
  const zone = readingZone();
  const validators = context.ignoreValidators ? { etag: null, lastModified: null } : previous.state;
  const result = await readFeed(config, context.settings, validators, deps);
  const nowMs = deps.now();
  let outcome: FeedOutcome;
  let next: FeedData;
  let home: FeedHome | null = config.home ?? null;
  if (result.kind === 'unchanged') {
    outcome = 'unchanged';
    // The same events may still teach a home (a feed whose home the user asked to learn again).
    home = await nextFeedHome(config, previous.events, (lat, lon) => deps.nearestCity(lat, lon).catch(() => null));
    const events = applyFeedHome(pruneEvents(previous.events, nowMs, zone), home, context.settings.city);
    next = {
      state: { ...succeededState(previous.state, result.validators, attemptMs, previous.state.minRefreshMinutes), eventCount: events.length },
      events,
    };
  } else if (result.kind === 'parsed') {
    outcome = 'refreshed';
    const { parsed } = result;
    home = result.home;
    const fitted = fitEventsToBudget(pruneEvents(parsed.events, nowMs, zone), config.id, context.budgetBytes, nowMs, zone);
    const warnings = [...parsed.warnings];
    if (fitted.dropped > 0) {
      warnings.push(`Only the next ${fitted.events.length} events are kept (storage limit)`);
    }
    next = {
      state: {
        ...succeededState(previous.state, result.validators, attemptMs, parsed.minRefreshMinutes),
        eventCount: fitted.events.length,
        format: parsed.format,
        warnings,
        synced: true,
        minRefreshMinutes: parsed.minRefreshMinutes,
        title: parsed.title,
      },
      events: fitted.events,
    };
  } else {
    outcome = 'failed';
    const failures = previous.state.failures + 1;
    const events = pruneEvents(previous.events, nowMs, zone);
    next = {
      state: {
        ...previous.state,
        lastAttempt: attempt,
        error: result.message,
        errorCode: result.problem.code,
        errorParams: result.problem.params,
        failures,
        nextAttemptAfter: iso(nowMs + backoffMs(failures)),
        eventCount: events.length,
      },
      events,
    };
  }
  // A feed removed while it was being fetched must not come back as an orphan item.
  const feeds = await feedsItem.getValue();
  const stored = feeds.find((feed) => feed.id === config.id);
  if (stored) {
    await item.setValue(next);
    if (!sameHome(stored.home, home) && sameHome(stored.home, config.home)) {
      // Only a learned home changes here, and only if the user did not set one meanwhile.
      await feedsItem.setValue(feeds.map((feed) => (feed.id === config.id ? { ...feed, home } : feed)));
    }
  }
  const refreshed = outcome === 'refreshed';
  return {
    feedId: config.id,
    outcome,
    added: refreshed ? addedEvents(previous, next.events) : [],
    starredEvents: refreshed ? starredEventsOf(next.events, config.id, context.starredIds ?? new Set()) : [],
  };
}

/** What every successful read (new data or a 304) sets: error and backoff cleared, the feed's own minimum interval. */
function succeededState(
  previous: FeedState,
  validators: Pick<FeedState, 'etag' | 'lastModified'>,
  attemptMs: number,
  minRefreshMinutes: number | null | undefined,
): FeedState {
  const attempt = iso(attemptMs);
  return {
    ...previous,
    ...validators,
    lastAttempt: attempt,
    lastSuccess: attempt,
    error: null,
    errorCode: null,
    errorParams: null,
    failures: 0,
    nextAttemptAfter: minIntervalEnd(attemptMs, minRefreshMinutes),
  };
}

function minIntervalEnd(attemptMs: number, minutes: number | null | undefined): string | null {
  return minutes && minutes > 0 ? iso(attemptMs + minutes * 60_000) : null;
}

export type { FeedState };
