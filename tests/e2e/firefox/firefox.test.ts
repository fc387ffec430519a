/**
 * The Firefox build in a real Firefox (Debian's firefox-esr), through its own pages, as a newcomer uses it:
 * the city, a feed tested and added from a fixture server on a non-default port (the permission prompt
 * answered, and never shown twice), refresh, the popup's events at their local times, the badge, a new event
 * notified once, the background suspended and woken, and a failing feed. One browser for the whole file (a
 * launch costs seconds); the steps build on each other, in order. Any error the extension prints fails the run.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedConfig, Settings } from '../../../lib/settings';
import { startFixtureServer, type FixtureServer } from '../../../scripts/fixture-server';
import { sampleFeed } from '../../fixtures/sample-feeds/sample-feeds';
import { ADDED_WHEN_CHANGED, EXPECTED_EVENTS, showsLocalStart } from '../support/expected-events';
import { launchFirefox, type FirefoxSession } from './support/firefox';

let server: FixtureServer;
let session: FirefoxSession;

const FEEDS = ['caen-js', 'python-herouville'] as const;
const near = EXPECTED_EVENTS.filter((event) => event.near && (FEEDS as readonly string[]).includes(event.feed) && !event.cancelled);

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchFirefox();
});

afterAll(async () => {
  if (process.env.FIREFOX_OUTPUT) (await import('node:fs')).writeFileSync(process.env.FIREFOX_OUTPUT, session?.output.join('\n') ?? '');
  await session?.close();
  await server?.close();
});

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const text = (page: Page) => page.evaluate(() => document.body.innerText);
const settings = async () => (await session.storageGet(['settings'])).settings as Settings | undefined;
const feeds = async () => ((await session.storageGet(['feeds'])).feeds as FeedConfig[] | undefined) ?? [];

/** Clicks the first button whose text matches. */
async function clickButton(page: Page, name: RegExp): Promise<void> {
  const handles = await page.$$('button');
  for (const handle of handles) {
    const label = await handle.evaluate((el) => (el.textContent ?? '').trim());
    if (name.test(label)) {
      await handle.click();
      return;
    }
  }
  throw new Error(`no button ${name}`);
}

/** The popup's rows: title and time column, read by structure. */
function shownRows(page: Page): Promise<{ title: string; time: string; isNew: boolean }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('main li')).flatMap((li) => {
      if (!li.querySelector('button[data-event-id]')) return [];
      const clean = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return [
        {
          title: clean(li.querySelector('.event-title-text') ?? li.querySelector('.event-title')),
          time: clean(li.querySelector('.event-time')),
          isNew: li.classList.contains('is-new'),
        },
      ];
    }),
  );
}

async function openPopup(): Promise<Page> {
  const page = await session.open('popup.html');
  await poll(() => page.evaluate(() => document.querySelector('main')?.getAttribute('aria-busy')), (busy) => busy === 'false', 'popup list');
  return page;
}

describe('Firefox', () => {
  it('sets the city from the options page', async () => {
    const page = await session.open('options.html', { width: 800, height: 1000 });
    await page.type('input[role="combobox"]', 'Caen');
    const index = await poll(
      () =>
        page.evaluate(() =>
          Array.from(document.querySelectorAll('[role="listbox"] [role="option"]')).findIndex(
            (option) => /^\s*Caen\b/.test(option.textContent ?? '') && /Normand/i.test(option.textContent ?? ''),
          ),
        ),
      (found) => found >= 0,
      'Caen among the suggestions',
    );
    const options = await page.$$('[role="listbox"] [role="option"]');
    await options[index]!.click();
    const city = await poll(settings, (value) => value?.city?.name === 'Caen', 'city saved');
    expect(city?.city).toMatchObject({ country: 'FR', timeZone: 'Europe/Paris' });
    await page.close();
  });

  it('tests and adds feeds served on a non-default port, answering the one permission prompt', async () => {
    expect(server.port).not.toBe(80);
    // The test build holds 127.0.0.1 from its install; take it back so the Test click has to ask.
    await session.revokeOrigin('http://127.0.0.1/*');
    expect(await session.grantedOrigins()).toEqual([]);
    const page = await session.open('options.html', { width: 800, height: 1000 });

    for (const [index, key] of FEEDS.entries()) {
      const url = server.url(key);
      expect(new URL(url).port).toBe(String(server.port));
      await page.click('#feed-url', { count: 3 });
      await page.type('#feed-url', url);
      await page.keyboard.press('Enter');
      // Only the first feed of this site may prompt (on Test); the second is covered by the same grant.
      const prompted = await session.allowPromptIfAny(index === 0 ? 10_000 : 1_500);
      expect(prompted).toBe(index === 0);
      const first = EXPECTED_EVENTS.find((event) => event.feed === key)!;
      await poll(() => text(page), (body) => body.includes(first.title), `preview of ${key}`, 30_000);
      await clickButton(page, /^(Add feed|Ajouter le flux)$/);
      // Add asks for the same port-less site the Test click was granted: Firefox must not prompt again.
      expect(await session.allowPromptIfAny(1_500)).toBe(false);
      await poll(feeds, (list) => list.length === index + 1, `${key} added`);
    }
    expect(session.prompts).toHaveLength(1);
    expect(session.prompts[0]).toContain('127.0.0.1');
    expect(await session.grantedOrigins()).toEqual(['http://127.0.0.1/*']);
    expect((await feeds()).map((feed) => feed.url)).toEqual(FEEDS.map((key) => server.url(key)));
    await page.close();
  });

  it('refreshes, then the popup lists the events near Caen at their local times', async () => {
    const summary = await session.send<{ failed: number }>('refreshAll');
    expect(summary.failed).toBe(0);
    const page = await openPopup();
    const rows = await shownRows(page);
    for (const expected of near) {
      const row = rows.find((shown) => shown.title === expected.title && showsLocalStart(shown.time, expected, 'en'));
      expect(row, `${expected.title} at ${expected.start} (day ${expected.day}) among ${JSON.stringify(rows)}`).toBeDefined();
    }
    const shownElsewhere = EXPECTED_EVENTS.filter((event) => event.near && (FEEDS as readonly string[]).includes(event.feed));
    expect(rows.filter((row) => !shownElsewhere.some((event) => event.title === row.title))).toEqual([]);
    // The events shown are seen once the list has been on screen: the badge no longer counts them. (Closing the
    // popup before that, as a loaded machine could, would leave them new and the next test counting 10, not 1.)
    await poll(() => session.badgeText(), (badge) => badge === '', 'badge cleared once the list was shown');
    await page.close();
  });

  it('counts new events on the badge and clears it when the popup opens; a new event notifies once', async () => {
    await session.clearNotifications();
    server.setChanged('caen-js', true);
    await session.send('refreshAll');
    await poll(() => session.badgeText(), (badge) => badge === '1', 'badge counts the new event');
    const added = ADDED_WHEN_CHANGED['caen-js']!;
    const notified = await poll(() => session.notifications(), (list) => list.length === 1, 'one notification');
    expect(notified[0]!.title).toContain(added.title);

    const page = await openPopup();
    expect((await shownRows(page)).filter((row) => row.isNew).map((row) => row.title)).toEqual([added.title]);
    await poll(() => session.badgeText(), (badge) => badge === '', 'badge cleared by the popup');
    await page.close();

    await session.clearNotifications();
    await session.send('refreshAll');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await session.notifications()).toEqual([]);
    expect(await session.badgeText()).toBe('');
  });

  it('keeps working once Firefox has suspended the background and woken it', async () => {
    await session.markBackground();
    // The build's idle timeout is 5 s in this profile; nothing keeps the background busy meanwhile.
    await new Promise((r) => setTimeout(r, 8000));
    server.setChanged('python-herouville', false);
    server.resetStats();
    const summary = await session.send<{ failed: number }>('refreshAll');
    expect(summary.failed).toBe(0);
    expect(await session.backgroundMarked()).toBe(false);
    // Read again after the wake (a refresh the woken background starts on its own may add one).
    expect(server.stats('caen-js').requests).toBeGreaterThanOrEqual(1);
    // Already notified before the suspension: not again.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await session.notifications()).toEqual([]);
    const page = await openPopup();
    expect((await shownRows(page)).map((row) => row.title)).toContain(ADDED_WHEN_CHANGED['caen-js']!.title);
    await page.close();
  });

  it('shows the error of a failing feed and keeps its events', async () => {
    const feed = sampleFeed('python-herouville');
    server.setFault(feed.key, 'error500');
    try {
      const summary = await session.send<{ failed: number }>('refreshAll');
      expect(summary.failed).toBe(1);
      const page = await openPopup();
      const body = await text(page);
      expect(body).toMatch(/had a problem \(error 500\)/);
      const titles = (await shownRows(page)).map((row) => row.title);
      for (const event of near.filter((e) => e.feed === feed.key)) expect(titles).toContain(event.title);
      await page.close();
    } finally {
      server.setFault(feed.key, 'none');
    }
  });

  it('printed no error on Firefox’s output', () => {
    expect(session.errors()).toEqual([]);
  });
});
