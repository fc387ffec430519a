/** The popup's storage reads started by the page's first script (lib/ui/popup-reads.ts), before its code loads. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { feedDataItem, settingsItem } from '../../../lib/storage';
import { createPopupModel, type PopupModel } from '../../../lib/ui/popup-model';
import {
  currentValue,
  FIRST_READ_KEYS,
  startEarlyPopupReads,
  startPopupReads,
  takePopupReads,
  type PopupReadsApi,
} from '../../../lib/ui/popup-reads';
import { NOW, seedStorage } from './fixtures';
import { flush } from './helpers';

const api = browser as unknown as PopupReadsApi;
let model: PopupModel | null = null;
afterEach(() => {
  model?.dispose();
  model = null;
  vi.restoreAllMocks();
});

const keysOf = (call: unknown[]) => call[0] as string[];

describe('startPopupReads', () => {
  it('reads the small items and the index, then the seen ids and each listed feed in a read of its own', async () => {
    await seedStorage();
    await flush();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    startEarlyPopupReads(api);
    model = createPopupModel({ timeZone: 'Europe/Paris', now: () => NOW, tickMs: 0, afterFirstPaint: () => Promise.resolve() });
    await model.start();
    expect(get.mock.calls.map(keysOf)).toEqual([[...FIRST_READ_KEYS], ['seenEventIds'], ['feed:a', 'feed:a$'], ['feed:b', 'feed:b$']]);
    expect(Object.keys(model.feedData.value)).toEqual(['a', 'b']);
    expect(model.upcoming.value.find((item) => item.event.id === 'tonight')?.isNew).toBe(false);
  });

  it('gives the newest value of a key changed after the reads started, and stops recording when told', async () => {
    await seedStorage();
    const reads = startPopupReads(api);
    const first = await reads.first;
    await settingsItem.setValue({ ...(await settingsItem.getValue()), radiusKm: 5 });
    await fakeBrowser.storage.local.remove('starred');
    expect((currentValue(reads, first, 'settings') as { radiusKm: number }).radiusKm).toBe(5);
    expect(currentValue(reads, { starred: { x: 1 } }, "starred") ?? null).toBeNull();
    expect(currentValue(reads, first, 'feeds')).toEqual(first['feeds']);
    reads.stop();
    await settingsItem.setValue({ ...(await settingsItem.getValue()), radiusKm: 7 });
    expect((currentValue(reads, first, 'settings') as { radiusKm: number }).radiusKm).toBe(5);
  });

  it('the page script’s reads are taken once; without them the model starts its own', async () => {
    await seedStorage();
    startEarlyPopupReads(api);
    const early = takePopupReads(api);
    const again = takePopupReads(api);
    expect(again).not.toBe(early);
    early.stop();
    again.stop();
  });
});

describe('the popup model on early reads', () => {
  it('shows what changed between the early reads and its own start, not the older read', async () => {
    await seedStorage();
    // The items' version marks, written once they are defined, are in before the popup opens.
    await flush();
    startEarlyPopupReads(api);
    await flush();
    // Landed after the reads started and before the popup's code watched anything.
    await settingsItem.setValue({ ...(await settingsItem.getValue()), radiusKm: 5 });
    const b = await feedDataItem('b').getValue();
    await feedDataItem('b').setValue({ ...b, events: b.events.filter((event) => event.id !== 'online') });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    model = createPopupModel({ timeZone: 'Europe/Paris', now: () => NOW, tickMs: 0, afterFirstPaint: () => Promise.resolve() });
    await model.start();
    // The early reads served the model: the small items were read before it started and not again; the seen ids and
    // the feeds are read once, when the model asks the early reads for them (after the index's frame).
    const asked = get.mock.calls.flatMap((call) => [call[0]].flat());
    expect(asked).not.toContain('settings');
    expect(asked.filter((key) => key === 'seenEventIds')).toHaveLength(1);
    expect(model.settings.value.radiusKm).toBe(5);
    expect(model.feedData.value['b']!.events.map((event) => event.id)).toEqual(['saint-nazaire']);
    expect(model.nearUpcoming.value.map((item) => item.event.id)).toEqual(['tonight', 'cancelled', 'later']);
  });
});
