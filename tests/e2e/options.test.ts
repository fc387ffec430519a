/**
 * Setting up as a newcomer does: the city from the autocomplete (homonyms told apart), then a feed tested
 * (preview: format, count, next events) and added; the popup then shows its events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server';
import type { FeedConfig, Settings } from '../../lib/settings';
import { launchExtension, type ExtensionSession } from './support/extension';
import { EXPECTED_EVENTS } from './support/expected-events';
import { SETTINGS_KEY } from './support/seed';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchExtension();
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('options page', () => {
  it('first run: the popup sends the user to the options page', async () => {
    const popup = await session.openPopup();
    const button = popup.page.getByRole('main').getByRole('button');
    await button.first().waitFor({ state: 'visible' });
    const [options] = await Promise.all([session.context.waitForEvent('page'), button.first().click()]);
    await options.waitForLoadState();
    expect(options.url()).toBe(session.url('options.html'));
    await options.close();
    await popup.close().catch(() => undefined);
  });

  it('sets the city with the autocomplete, telling homonyms apart', async () => {
    const options = await session.openOptions();
    // Homonyms: several towns called Paris, each told apart by its region and country.
    const paris = (await options.typeCity('Paris')).filter((text) => /^\s*Paris\b/.test(text));
    expect(paris.length, JSON.stringify(paris)).toBeGreaterThanOrEqual(2);
    expect(new Set(paris.map((text) => text.replace(/\s+/g, ' ').trim())).size).toBe(paris.length);
    expect(paris.some((text) => /France|FR/.test(text)) && paris.some((text) => /United States|US|Texas/.test(text))).toBe(true);

    const texts = await options.typeCity('Caen');
    const caen = texts.findIndex((text) => /^\s*Caen\b/.test(text) && /Normand|FR|France/i.test(text));
    expect(caen, `a Caen in Normandy among ${JSON.stringify(texts)}`).toBeGreaterThanOrEqual(0);
    await options.pickSuggestion(caen);
    await expect
      .poll(async () => ((await session.storageGet([SETTINGS_KEY]))[SETTINGS_KEY] as Settings | undefined)?.city ?? null)
      .toMatchObject({ name: 'Caen', country: 'FR', timeZone: 'Europe/Paris' });
    const city = ((await session.storageGet([SETTINGS_KEY]))[SETTINGS_KEY] as Settings).city!;
    expect(city.lat).toBeCloseTo(49.18, 1);
    expect(city.lon).toBeCloseTo(-0.37, 1);
    await options.close();
  });

  it('tests a feed (preview with format, count and the next events), adds it, and the popup shows it', async () => {
    const options = await session.openOptions();
    const url = server.url('python-herouville');
    await options.previewFeed(url);
    const next = EXPECTED_EVENTS.filter((e) => e.feed === 'python-herouville').slice(0, 3);
    // The preview: the detected format, the number of events and the next three titles.
    await options.page.getByText(next[0]!.title).first().waitFor({ state: 'visible', timeout: 30_000 });
    const body = (await options.page.locator('body').textContent()) ?? '';
    for (const event of next) expect(body).toContain(event.title);
    // Only the next three: the fourth is not previewed.
    expect(body).not.toContain(EXPECTED_EVENTS.filter((e) => e.feed === 'python-herouville')[3]!.title);
    expect(body).toMatch(/gancio/i);
    expect(body).toMatch(/\b4\b/);

    await options.addPreviewedFeed();
    await expect
      .poll(async () => ((await session.storageGet(['feeds'])).feeds as FeedConfig[] | undefined)?.map((f) => f.url) ?? [])
      .toEqual([url]);
    // Its row shows up in the list of feeds, with a status once synced.
    await options.page.getByRole('listitem').filter({ hasText: url }).or(options.page.getByRole('listitem').filter({ hasText: /python/i })).first().waitFor();
    await options.close();

    const popup = await session.openPopup();
    await popup.waitForEvents(30_000);
    expect(await popup.shownTitles()).toContain(next[0]!.title);
    await popup.close();
  });
});
