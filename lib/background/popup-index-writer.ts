/**
 * Keeps `local:popupIndex` (lib/popup-index.ts) in step with what it derives from: the worker calls it with
 * the stored view it has just read, after every feed write and every change of settings, feeds or seen ids.
 */
import { buildPopupIndex } from '../popup-index';
import { popupIndexItem } from '../storage';
import { readingZone } from '../upcoming';
import type { StoredView } from './stored-view';

export function createPopupIndexWriter(zone: () => string = readingZone) {
  let written: string | null = null;
  return async function writePopupIndex(view: StoredView, seen: ReadonlySet<string>, now: number): Promise<void> {
    const index = buildPopupIndex({ ...view, seen, now, zone: zone() });
    // An unchanged index is not written again: every write wakes the storage listeners of open pages.
    const content = JSON.stringify([index.key, index.feeds, index.seenIds]);
    if (content === written) return;
    await popupIndexItem.setValue(index);
    written = content;
  };
}
