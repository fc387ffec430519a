/**
 * What one refresh changed in a feed, worked out while syncing it so a run keeps only these few events (not
 * whole feeds) until its notifications are planned. Pure: the notifications module reads the results.
 */
import type { MeetupEvent } from '../events';
import type { FeedData } from '../storage';

/** An event id is `<feedId>|<uid>|<start>`. */
export function splitEventId(id: string): { feedId: string; uid: string } {
  const first = id.indexOf('|');
  const last = id.lastIndexOf('|');
  return { feedId: id.slice(0, first), uid: id.slice(first + 1, last) };
}

/**
 * Events a refresh brought that the feed did not have (no event with the same id or UID before), for
 * `newEventsOf`; none for a feed's first sync, which would announce its whole agenda.
 */
export function addedEvents(previous: FeedData, next: readonly MeetupEvent[]): MeetupEvent[] {
  if (!previous.state.synced) return [];
  const previousIds = new Set(previous.events.map((event) => event.id));
  const previousUids = new Set(previous.events.map((event) => event.uid));
  return next.filter((event) => !previousIds.has(event.id) && !previousUids.has(event.uid));
}

/**
 * A refreshed feed's events that starred snapshots may point at (same id, or same feed and UID: see
 * `starredChangesOf`), so a run keeps these few rather than whole feeds until its notifications are planned.
 */
export function starredEventsOf(events: readonly MeetupEvent[], feedId: string, starredIds: ReadonlySet<string>): MeetupEvent[] {
  const uids = new Set<string>();
  for (const id of starredIds) {
    const split = splitEventId(id);
    if (split.feedId === feedId) uids.add(split.uid);
  }
  if (uids.size === 0) return [];
  return events.filter((event) => starredIds.has(event.id) || uids.has(event.uid));
}
