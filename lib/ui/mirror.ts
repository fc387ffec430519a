/**
 * Storage is the source of truth; a page mirrors an item into a signal: read once, then follow changes.
 * The watcher is attached before the read so a write landing in between is never missed, and a change that
 * arrives first wins over the (older) read.
 */
import type { Signal } from '@preact/signals';
import type { WxtStorageItem } from 'wxt/utils/storage';

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
