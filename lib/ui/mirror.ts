/**
 * Storage is the source of truth; a page mirrors an item into a signal: read once, then follow changes.
 * The watcher is attached before the read so a write landing in between is never missed, and a change that
 * arrives first wins over the (older) read.
 */
import type { Signal } from '@preact/signals';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { readFeedDataOnce, watchFeedData, type FeedData } from '../storage';

export interface Mirror {
  ready: Promise<void>;
  stop: () => void;
}

export function mirrorItem<T>(item: WxtStorageItem<T, any>, target: Signal<T>): Mirror {
  let changed = false;
  const stop = item.watch((value) => {
    changed = true;
    target.value = value;
  });
  const ready = item.getValue().then((value) => {
    if (!changed) target.value = value;
  });
  return { ready, stop };
}

/**
 * The same for feeds' data, several at once in one storage read: `onChange` gets every change from the moment
 * of the call, `onRead` the read values of the feeds that did not change meanwhile (in one call, so a page
 * updates once). Returns each feed's stop and when the read is in.
 */
export function followFeedData(
  feedIds: readonly string[],
  onChange: (feedId: string, data: FeedData) => void,
  onRead: (read: ReadonlyMap<string, FeedData>) => void,
): { stops: Map<string, () => void>; ready: Promise<void> } {
  const changed = new Set<string>();
  const stops = new Map<string, () => void>();
  for (const feedId of feedIds) {
    stops.set(
      feedId,
      watchFeedData(feedId, (value) => {
        changed.add(feedId);
        onChange(feedId, value);
      }),
    );
  }
  const ready = readFeedDataOnce([...feedIds]).then((read) => {
    onRead(new Map([...read].filter(([feedId]) => !changed.has(feedId))));
  });
  return { stops, ready };
}
