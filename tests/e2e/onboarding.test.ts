/**
 * Onboarding from the groups directory, in Chromium with the test build: the city is set to a directory city
 * and the popup (no feeds yet) and the options page list the groups near it; "Add all" adds them with ONE
 * permission request; an event of a directory feed that gives no place is listed at its group's town, marked.
 *
 * The real directory's feeds are on meetup.com (no network here), so the "Directory address" setting points at
 * the fixture server's directory, whose feeds are the server's own sample feeds. The test build holds
 * http://127.0.0.1/* from install, so the request is answered at once: a wrapper installed before the popup's
 * code runs counts the calls to permissions.request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from '@wxt-dev/browser';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server';
import type { FeedConfig } from '../../lib/settings';
import { launchExtension, type ExtensionSession } from './support/extension';
import { PopupPage } from './support/popup-page';
import { seedSettings } from './support/seed';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchExtension();
  await seedSettings(session, { directoryUrl: server.directoryUrl });
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const NEAR_CAEN = ['R-Ladies Caen', 'Caen.js', 'Python Normandie'];

async function shownGroups(page: Page): Promise<Array<{ name: string; chips: string[] }>> {
  const list = page.getByRole('list', { name: 'Local groups' });
  await list.getByRole('listitem').first().waitFor({ timeout: 30_000 });
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.discover-groups li.discover-item')).map((item) => ({
      name: item.querySelector('.discover-name')?.textContent ?? '',
      chips: Array.from(item.querySelectorAll('.chip')).map((chip) => chip.textContent ?? ''),
    })),
  );
}

/** Opens the popup with `permissions.request` counted (installed before any of the popup's code runs). */
async function openCountingPopup(): Promise<PopupPage> {
  const page = await session.context.newPage();
  await page.addInitScript(() => {
    const permissions = (globalThis as unknown as { chrome: typeof Browser }).chrome.permissions;
    const request = permissions.request.bind(permissions);
    const seen: unknown[] = [];
    (globalThis as unknown as { __permissionRequests: unknown[] }).__permissionRequests = seen;
    permissions.request = ((...args: Parameters<typeof request>) => {
      seen.push(JSON.parse(JSON.stringify(args[0])));
      return request(...args);
    }) as typeof permissions.request;
  });
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(session.url('popup.html'));
  return new PopupPage(page, session);
}

describe('onboarding from the groups directory', () => {
  it('lists the groups near the chosen city, closest first, with platform and topics, in the popup and the options page', async () => {
    const popup = await session.openPopup();
    expect(await shownGroups(popup.page)).toEqual([
      { name: 'R-Ladies Caen', chips: ['Meetup', 'r', 'data-science'] },
      { name: 'Caen.js', chips: ['Meetup', 'javascript', 'web'] },
      { name: 'Python Normandie', chips: ['Gancio', 'python'] },
    ]);
    // Nothing wider than the popup.
    expect(await popup.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await expect(popup.page.getByRole('button', { name: 'Add all (3)' }).isVisible()).resolves.toBe(true);
    await popup.page.close();

    const options = await session.openOptions();
    expect((await shownGroups(options.page)).map((group) => group.name)).toEqual(NEAR_CAEN);
    await expect(options.page.getByText(/Downloaded directory of \d{4}-\d{2}-\d{2}/).isVisible()).resolves.toBe(true);
    await options.page.close();
    expect(server.directoryStats().requests).toBeGreaterThan(0);
  });

  it('"Add all (3)" adds every group with ONE permission request, each feed knowing its town', async () => {
    const popup = await openCountingPopup();
    await shownGroups(popup.page);
    await popup.page.getByRole('button', { name: 'Add all (3)' }).click();
    const deadline = Date.now() + 60_000;
    let feeds: FeedConfig[] = [];
    while (feeds.length < 3 && Date.now() < deadline) {
      feeds = ((await session.storageGet(['feeds'])).feeds as FeedConfig[] | undefined) ?? [];
      if (feeds.length < 3) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(feeds.map((feed) => [feed.name, feed.home?.city, feed.home?.source])).toEqual([
      ['R-Ladies Caen', 'Caen', 'directory'],
      ['Caen.js', 'Caen', 'directory'],
      ['Python Normandie', 'Hérouville-Saint-Clair', 'directory'],
    ]);
    const requests = await popup.page.evaluate(() => (globalThis as unknown as { __permissionRequests: unknown[] }).__permissionRequests);
    expect(requests).toEqual([{ origins: ['http://127.0.0.1/*'] }]);
    await popup.page.close();
  });

  it('lists an event of a directory feed that gives no place, marked "place not given", in the list and the detail', async () => {
    const popup = await session.openPopup();
    await popup.waitForEvents(60_000);
    const roomOnly = popup.eventRow(/Atelier tidyverse/);
    await expect(roomOnly.locator('.tag-place').textContent()).resolves.toBe('Place not given');
    await expect(roomOnly.locator('.event-place').textContent()).resolves.toMatch(/^Salle 2 · Caen/);
    const noPlace = popup.eventRow(/Lieu à confirmer/);
    await expect(noPlace.locator('.tag-place').textContent()).resolves.toBe('Place not given');
    // An event that gives its place carries no mark.
    await expect(popup.eventRow(/Shiny en production/).locator('.tag-place').count()).resolves.toBe(0);
    await roomOnly.locator('.event-main').click();
    await expect(popup.page.locator('.detail-scroll .tag-place').textContent()).resolves.toBe('Place not given');
    await popup.page.close();
  });
});
