/**
 * Feed data v1 → v2: events are stored compacted (lib/stored-events.ts) so 50 feeds of 1,000 events stay well
 * under chrome.storage.local's 10 MB; v1 stored full `MeetupEvent`s. State fields added since are filled in.
 */
import type { MeetupEvent } from '../events';
import { compactEvent, expandEvent, type StoredEvent } from '../stored-events';
import type { FeedState, StoredFeedData } from '../feed-data';

export interface FeedDataV1 {
  state: Partial<FeedState>;
  events: MeetupEvent[];
}

export function migrateFeedDataToV2(
  old: FeedDataV1 | StoredFeedData,
  feedId: string,
  emptyState: FeedState,
): StoredFeedData & { events: StoredEvent[] } {
  const events = Array.isArray(old?.events) ? (old.events as StoredEvent[]) : typeof old?.events === 'string' ? (JSON.parse(old.events) as StoredEvent[]) : [];
  return {
    state: { ...emptyState, ...(old?.state ?? {}) },
    // expand first: it reads both forms, so running this twice changes nothing.
    events: events.map((event) => compactEvent(expandEvent(event, feedId), feedId)),
  };
}
