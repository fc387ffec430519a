/** The popup paints from the background's index (lib/popup-index.ts), then the full data replaces it. */
import { afterEach, describe, expect, it } from 'vitest';
import { buildPopupIndex } from '../../../lib/popup-index';
import { feedDataItem, feedsItem, popupIndexItem, seenItem, settingsItem, type FeedData } from '../../../lib/storage';
import { createPopupModel, type PopupModel } from '../../../lib/ui/popup-model';
import { NOW, seedStorage } from './fixtures';
import { flush } from './helpers';

const ZONE = 'Europe/Paris';
let model: PopupModel | null = null;
afterEach(() => {
  model?.dispose();
  model = null;
});

async function writeIndex(options: { now?: number; size?: number; radiusKm?: number } = {}): Promise<void> {
  const [settings, feeds] = await Promise.all([settingsItem.getValue(), feedsItem.getValue()]);
  const data = new Map<string, FeedData>();
  for (const feed of feeds) data.set(feed.id, await feedDataItem(feed.id).getValue());
  const index = buildPopupIndex({
    settings: { ...settings, radiusKm: options.radiusKm ?? settings.radiusKm },
    feeds,
    data,
    seen: new Set(await seenItem.getValue()),
    now: options.now ?? NOW,
    zone: ZONE,
    size: options.size,
  });
  await popupIndexItem.setValue(index);
}

/** Starts the model with the first paint held until `paint()` is called. */
function openHeld() {
  let paint!: () => void;
  let paintAsked = false;
  const painted = new Promise<void>((resolve) => (paint = resolve));
  model = createPopupModel({
    timeZone: ZONE,
    now: () => NOW,
    tickMs: 0,
    afterFirstPaint: () => {
      paintAsked = true;
      return painted;
    },
  });
  const started = model.start();
  return { m: model, started, paint, paintAsked: () => paintAsked };
}

const ids = (items: Array<{ event: { id: string } }>) => items.map((item) => item.event.id);

describe('popup first paint from the index', () => {
  it('shows the index first (same rows, no descriptions yet), then the full data', async () => {
    await seedStorage({ errorB: 'The server answered 500.' });
    await writeIndex();
    const { m, started, paint } = openHeld();
    await flush();
    expect(m.loaded.value).toBe(true);
    expect(m.complete.value).toBe(false);
    expect(m.screen.value).toBe('list');
    expect(ids(m.nearUpcoming.value)).toEqual(['tonight', 'cancelled', 'online', 'saint-nazaire', 'later']);
    expect(m.nearUpcoming.value[0]!.event.description).toBeNull();
    expect(m.nearUpcoming.value[0]!.feedName).toBe('Rust Nantes');
    expect(m.failingFeeds.value).toEqual([{ id: 'b', name: 'Ouest Tech', error: 'The server answered 500.' }]);
    expect(m.lastUpdatedMs.value).toBe(Date.parse('2026-11-24T11:50:00Z'));
    // Markers from the index's seen ids; the count once everything is read (the index holds the first events only).
    expect(m.nearUpcoming.value.filter((item) => item.isNew).map((item) => item.event.id)).toEqual(['online', 'saint-nazaire', 'later']);
    expect(m.newCount.value).toBe(0);
    m.openDetail('tonight');
    expect(m.selected.value).toBeNull();

    paint();
    await started;
    expect(m.complete.value).toBe(true);
    expect(ids(m.nearUpcoming.value)).toEqual(['tonight', 'cancelled', 'online', 'saint-nazaire', 'later']);
    expect(m.nearUpcoming.value[0]!.event.description).toBe('Ownership, lifetimes et café.');
    expect(m.selected.value?.event.description).toBe('Ownership, lifetimes et café.');
    expect(m.newCount.value).toBe(3);
  });

  it('shows the first events the index holds, a prefix of the full list', async () => {
    await seedStorage();
    await writeIndex({ size: 2 });
    const { m, started, paint } = openHeld();
    await flush();
    expect(ids(m.nearUpcoming.value)).toEqual(['tonight', 'cancelled']);
    paint();
    await started;
    expect(ids(m.nearUpcoming.value)).toHaveLength(5);
  });

  it('drops what ended since the index was written', async () => {
    await seedStorage();
    await writeIndex({ now: Date.parse('2026-11-23T12:00:00Z') });
    expect((await popupIndexItem.getValue())!.feeds.a!.events.map((event) => event.uid)).toContain('past');
    const { m, paint, started } = openHeld();
    await flush();
    expect(ids(m.nearUpcoming.value)[0]).toBe('tonight');
    paint();
    await started;
  });

  it.each([
    ['missing', async () => undefined],
    ['built for another radius', () => writeIndex({ radiusKm: 10 })],
  ])('waits for the full data when the index is %s', async (_, given) => {
    await seedStorage();
    await given();
    const { m, started, paintAsked } = openHeld();
    await flush();
    await started;
    expect(paintAsked()).toBe(false);
    expect(m.complete.value).toBe(true);
    expect(ids(m.nearUpcoming.value)).toEqual(['tonight', 'cancelled', 'online', 'saint-nazaire', 'later']);
  });

  it('a settings change landing while the popup opens wins over the first read', async () => {
    await seedStorage();
    await writeIndex();
    const { m, started, paint } = openHeld();
    await settingsItem.setValue({ ...(await settingsItem.getValue()), radiusKm: 5 });
    await flush();
    paint();
    await started;
    expect(m.settings.value.radiusKm).toBe(5);
    expect(ids(m.nearUpcoming.value)).not.toContain('saint-nazaire');
  });
});
