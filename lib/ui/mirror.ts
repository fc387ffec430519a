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
 * The same for feeds' data, several at once (`readFeedDataOnce`): `onChange` gets every change from the moment
 * of the call. `read` resolves, once the read is in, to a function giving the read values of the feeds that
 * have not changed meanwhile — evaluated when called, so a page may show the read later (after its first
 * paint) without an older read overwriting a newer change.
 */
export function followFeedData(
  feedIds: readonly string[],
  onChange: (feedId: string, data: FeedData) => void,
): { stops: Map<string, () => void>; read: Promise<() => ReadonlyMap<string, FeedData>> } {
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
  const read = readFeedDataOnce([...feedIds]).then(
    (values) => () => new Map([...values].filter(([feedId]) => !changed.has(feedId))),
  );
  return { stops, read };
}
