/**
 * The background against a real server, as the user sees it: the badge counts new events and clears when the
 * popup opens; a published event notifies once (not again on the next refresh, nor after the worker restarts);
 * a failing feed shows its error and keeps its events; an unchanged feed costs a 304.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server';
import { sampleFeed } from '../fixtures/sample-feeds/sample-feeds';
import { launchExtension, type ExtensionSession } from './support/extension';
import { ADDED_WHEN_CHANGED, EXPECTED_EVENTS } from './support/expected-events';
import { addSampleFeeds, refreshAll, seedSettings } from './support/seed';

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchExtension();
  await seedSettings(session);
  // Luma-style: no validators, so every refresh is a full 200 whose DTSTAMP/SEQUENCE changed.
  server.setConditional('normandie-ai', false);
  await addSampleFeeds(session, server, ['caen-js', 'normandie-ai', 'python-herouville']);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** Time for the worker to finish what follows a refresh (notifications, badge) before checking that nothing came. */
const settle = () => new Promise((r) => setTimeout(r, 2000));

/** Opens the popup, waits for its list, returns the titles marked new on this opening, closes it. */
async function openPopupAndReadNew(): Promise<string[]> {
  const popup = await session.openPopup();
  await popup.waitForEvents();
  // A cancelled event is never new: the popup and the badge count the same rows.
  expect(await popup.page.locator('li.is-new.is-cancelled').count()).toBe(0);
  const fresh = await popup.page.locator('li.is-new .event-title-text').allTextContents();
  // The popup marks what it showed as seen once it has painted; give it that moment before closing.
  await expect.poll(() => session.badgeText(), { timeout: 10_000 }).toBe('');
  await popup.close();
  return fresh;
}

describe('refresh, badge and notifications', () => {
  it('shows the number of new events on the badge and clears it when the popup is opened', async () => {
    const before = await session.badgeText();
    const fresh = await openPopupAndReadNew();
    // Whatever the first sync counts as new, the badge said exactly that many (or nothing for none).
    expect(before).toBe(fresh.length === 0 ? '' : fresh.length > 99 ? '99+' : String(fresh.length));

    server.setChanged('caen-js', true);
    await refreshAll(session);
    await expect.poll(() => session.badgeText(), { timeout: 10_000 }).toBe('1');
    const title = await session.badgeTitle();
    expect(title.length).toBeGreaterThan('Local Meetups'.length);
    expect(await openPopupAndReadNew()).toEqual([ADDED_WHEN_CHANGED['caen-js']!.title]);
    expect(await openPopupAndReadNew()).toEqual([]);
  });

  it('notifies a newly published event once: not on the next refresh, not after the worker restarts', async () => {
    await session.clearNotifications();
    server.setChanged('normandie-ai', true);
    const okBefore = server.stats('normandie-ai').ok;
    await refreshAll(session);
    expect(server.stats('normandie-ai').ok).toBe(okBefore + 1);
    await expect.poll(() => session.notificationIds(), { timeout: 10_000 }).toHaveLength(1);

    await session.clearNotifications();
    await refreshAll(session);
    expect(server.stats('normandie-ai').ok).toBe(okBefore + 2);
    await settle();
    expect(await session.notificationIds()).toEqual([]);

    await session.restartWorker();
    await refreshAll(session);
    expect(server.stats('normandie-ai').ok).toBe(okBefore + 3);
    await settle();
    expect(await session.notificationIds()).toEqual([]);
  });

  it('answers an unchanged feed with a 304 and keeps its events', async () => {
    server.resetStats();
    await refreshAll(session);
    expect(server.stats('caen-js')).toMatchObject({ requests: 1, notModified: 1, ok: 0 });
    expect(server.stats('python-herouville')).toMatchObject({ requests: 1, notModified: 1, ok: 0 });
    const popup = await session.openPopup();
    await popup.waitForEvents();
    expect(await popup.shownTitles()).toContain('Caen.js #42 — Les signals, enfin expliqués');
    await popup.close();
  });

  it.each([
    ['error500', /had a problem \(error 500\)/],
    ['garbage', /No events could be read|damaged and cannot be read/],
    // Never answers: the worker's fetch timeout (20 s) fires; the other feeds are refreshed meanwhile.
    ['hang', /did not answer within 20 seconds/i],
  ] as const)('shows the error of a failing feed (%s) and keeps its events', async (fault, message) => {
    const feed = sampleFeed('python-herouville');
    server.setFault(feed.key, fault);
    server.resetStats();
    try {
      const summary = await refreshAll(session);
      expect(summary.failed).toBe(1);
      expect(server.stats('caen-js').requests).toBe(1);
      const popup = await session.openPopup();
      await popup.waitForEvents();
      const errorLine = popup.page
        .getByRole('listitem')
        .filter({ hasText: feed.name })
        .filter({ hasNot: popup.page.locator('button[data-event-id]') });
      await errorLine.first().waitFor({ state: 'visible' });
      const text = (await errorLine.first().textContent()) ?? '';
      expect(text.replace(feed.name, '').trim().length).toBeGreaterThan(3);
      expect(text).toMatch(message);
      expect(text).not.toMatch(/at \w+ \(|Error:|stack/);
      const pythonTitles = EXPECTED_EVENTS.filter((e) => e.feed === feed.key && e.near).map((e) => e.title);
      expect(await popup.shownTitles()).toEqual(expect.arrayContaining(pythonTitles));
      await popup.close();
    } finally {
      server.setFault(feed.key, 'none');
    }
  }, 90_000);
});
