/**
 * The same meetup from two feeds, in a real browser: Caen.js's Meetup feed and a city aggregator (Gancio) that
 * copies its meetups under its own title, time in UTC and address. The popup lists it once (with "Also on"),
 * the badge counts it once, and when both publish a new one in the same refresh it is notified once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server';
import { launchExtension, type ExtensionSession } from './support/extension';
import { addSampleFeeds, refreshAll, seedSettings } from './support/seed';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchExtension();
  await seedSettings(session, { notifyNewEvents: true });
  await addSampleFeeds(session, server, ['caen-js', 'agenda-caen']);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('the same meetup from two feeds', () => {
  it('is one row, counted once on the badge, with a link to the other source', async () => {
    const badge = await session.badgeText();
    const popup = await session.openPopup();
    await popup.waitForEvents();
    const titles = await popup.shownTitles();
    expect(titles.filter((title) => /Caen\.js #42/.test(title))).toHaveLength(1);
    expect(titles).toContain('Install party Linux');
    // Every row is new on this first opening: the badge counted exactly the rows, the shared meetup once.
    const fresh = await popup.page.locator('li.is-new').count();
    expect(fresh).toBe(titles.length - titles.filter((title) => /Apéro de fin/.test(title)).length);
    expect(badge).toBe(String(fresh));
    await popup.openEvent(/Caen\.js #42/);
    await expect.poll(() => popup.page.locator('.detail-also').textContent()).toMatch(/Also on Agenda Tech Caen|Aussi sur Agenda Tech Caen/);
    expect(await popup.page.locator('.detail-also a').getAttribute('href')).toBe('https://agenda-tech-caen.example.org/event/caen-js-42');
    await popup.back();
    await expect.poll(() => session.badgeText(), { timeout: 10_000 }).toBe('');
    await popup.close();
  });

  it('published by both in one refresh: one badge count and one notification', async () => {
    await session.clearNotifications();
    server.setChanged('caen-js', true);
    server.setChanged('agenda-caen', true);
    await refreshAll(session);
    await expect.poll(() => session.badgeText(), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => session.notificationIds(), { timeout: 10_000 }).toHaveLength(1);
    // Time for a second notification, were one coming.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await session.notificationIds()).toHaveLength(1);
    const popup = await session.openPopup();
    await popup.waitForEvents();
    expect((await popup.shownTitles()).filter((title) => /Caen\.js #43/.test(title))).toHaveLength(1);
    await popup.close();
  });
});
