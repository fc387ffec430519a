/** What the popup reads before its first paint: one small storage read, nothing at import. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { buildPopupIndex } from '../../../lib/popup-index';
import { feedDataItem, feedsItem, popupIndexItem, settingsItem, type FeedData } from '../../../lib/storage';
import { createPopupModel, type PopupModel } from '../../../lib/ui/popup-model';
import { NOW, seedStorage } from './fixtures';
import { flush } from './helpers';

let model: PopupModel | null = null;
afterEach(() => {
  model?.dispose();
  model = null;
  vi.restoreAllMocks();
});

function keysOf(call: unknown[]): string[] {
  const keys = call[0];
  return keys === null || keys === undefined ? ['<all>'] : typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
}

describe('popup storage reads', () => {
  it('importing the storage items reads nothing (items are defined on first use)', async () => {
    await seedStorage();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    vi.resetModules();
    const storage = await import('../../../lib/storage');
    await flush();
    expect(get).not.toHaveBeenCalled();
    // …and an item still works once used.
    expect((await storage.settingsItem.getValue()).radiusKm).toBe(60);
  });

  it('paints from one read of the small items and the index; the feeds are asked for once that frame is on screen', async () => {
    await seedStorage();
    const [settings, feeds] = await Promise.all([settingsItem.getValue(), feedsItem.getValue()]);
    const data = new Map<string, FeedData>();
    for (const feed of feeds) data.set(feed.id, await feedDataItem(feed.id).getValue());
    await popupIndexItem.setValue(buildPopupIndex({ settings, feeds, data, seen: new Set(), now: NOW, zone: 'Europe/Paris' }));

    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    let paint!: () => void;
    model = createPopupModel({
      timeZone: 'Europe/Paris',
      now: () => NOW,
      tickMs: 0,
      afterFirstPaint: () => new Promise<void>((resolve) => (paint = resolve)),
    });
    const started = model.start();
    await flush();
    expect(model.loaded.value).toBe(true);
    expect(get.mock.calls[0]!).toSatisfy((call: unknown[]) =>
      JSON.stringify(keysOf(call)) === JSON.stringify(['settings', 'feeds', 'starred', 'refreshStatus', 'popupIndex']),
    );
    // Nothing of the big read competes with the index's first frame: it is asked for once that frame is painted.
    expect(get.mock.calls.slice(1).flatMap(keysOf)).not.toContain('feed:a');
    expect(model.complete.value).toBe(false);
    const fromIndex = model.feedData.value;
    await flush();
    expect(model.feedData.value).toBe(fromIndex);
    paint();
    await started;
    expect(get.mock.calls.slice(1).flatMap(keysOf)).toEqual(expect.arrayContaining(['seenEventIds', 'feed:a', 'feed:b']));
    expect(model.complete.value).toBe(true);
    expect(model.feedData.value).not.toBe(fromIndex);
  });
});
