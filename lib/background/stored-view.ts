/** Everything stored, read once, for the badge, notifications and reminders. */
import type { MeetupEvent } from '../events';
import type { FeedConfig, Settings } from '../settings';
import { feedsItem, readFeedDataOnce, settingsItem, type FeedData } from '../storage';

export interface StoredView {
  settings: Settings;
  feeds: FeedConfig[];
  data: Map<string, FeedData>;
}

export async function loadStoredView(): Promise<StoredView> {
  const [settings, feeds] = await Promise.all([settingsItem.getValue(), feedsItem.getValue()]);
  // One storage read for every feed (an item per feed read one by one costs several reads each).
  return { settings, feeds, data: await readFeedDataOnce(feeds.map((feed) => feed.id)) };
}

/** Events of the enabled feeds. */
export function enabledEvents(view: StoredView): MeetupEvent[] {
  return view.feeds.filter((feed) => feed.enabled).flatMap((feed) => view.data.get(feed.id)?.events ?? []);
}

export function findEvent(view: StoredView, id: string): MeetupEvent | null {
  for (const data of view.data.values()) {
    const found = data.events.find((event) => event.id === id);
    if (found) return found;
  }
  return null;
}
