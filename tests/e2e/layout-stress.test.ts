/**
 * The popup never scrolls sideways. A feed whose every text slot holds a long unbroken string (title, venue
 * line, meeting link, page URL, description, feed name), a failing feed with a long name (the error banner)
 * and a group page whose feed link has a long title and address (the discovery panel): at 400 px, in English
 * and French, light and dark, no element may reach past the viewport and nothing may scroll horizontally.
 * Screenshots go to docs/ (the README shows them).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeTabAsActive } from './support/active-tab';
import { launchExtension, type ExtensionSession } from './support/extension';
import { refreshAll, seedSettings } from './support/seed';
import type { Browser } from '@wxt-dev/browser';

const DOCS = resolve(import.meta.dirname, '../../docs');
const WIDTH = 400;

const word = (stem: string, length: number) => stem.repeat(Math.ceil(length / stem.length)).slice(0, length);
const LONG_TITLE = `Rencontre${word('Supercalifragilisticexpialidocious', 180)}`;
const MEETING_URL = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${word('NjQ5YzE4ZTAtMmQ2Zi00', 220)}%40thread.v2/0?context=%7b%22Tid%22%3a%22${word('72f988bf', 60)}%22%7d`;
const VENUE = `Salle${word('Polyvalente-Municipale-', 160)}, 14000 Caen`;
const PAGE_URL = `https://www.example.org/events/${word('tres-long-identifiant-', 200)}`;
const FEED_NAME = `Groupe${word('DesDeveloppeursDeNormandie', 150)}`;

function hostileFeed(): string {
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const events = [
    {
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: LONG_TITLE,
      startDate: `${day(2)}T18:30:00+01:00`,
      endDate: `${day(2)}T21:00:00+01:00`,
      url: PAGE_URL,
      description: `Inscription : ${PAGE_URL} ${MEETING_URL}`,
      location: { '@type': 'Place', name: VENUE, address: { '@type': 'PostalAddress', addressLocality: 'Caen', postalCode: '14000', addressCountry: 'FR' } },
    },
    {
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: `${LONG_TITLE} (en ligne)`,
      startDate: `${day(3)}`,
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation', url: MEETING_URL },
      description: MEETING_URL,
    },
    {
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: 'Atelier',
      startDate: `${day(4)}T12:00:00+01:00`,
      location: MEETING_URL,
    },
  ];
  return JSON.stringify(events);
}

function groupPage(feedUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${LONG_TITLE}</title>
<link rel="alternate" type="text/calendar" title="${FEED_NAME}" href="${feedUrl}">
</head><body><p>${LONG_TITLE}</p></body></html>`;
}

let site: Server;
let origin: string;

beforeAll(async () => {
  site = createServer((req, res) => {
    if (req.url?.startsWith('/feed/')) {
      res.writeHead(200, { 'content-type': 'application/ld+json; charset=utf-8' }).end(hostileFeed());
    } else if (req.url?.startsWith('/broken/')) {
      res.writeHead(500).end('no');
    } else if (req.url?.startsWith('/group/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(groupPage(`${origin}/feed/${word('calendrier-', 200)}.ics`));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => site?.close(done));
});

/** Elements whose box reaches past the viewport's sides, and boxes that scroll sideways. */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const problems: string[] = [];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      // Screen-reader-only text is clipped to a 1 px box on purpose.
      if (rect.width <= 1 && rect.height <= 1) continue;
      if (rect.right > width + 0.5 || rect.left < -0.5) problems.push(`${name(el)} spans ${Math.round(rect.left)}…${Math.round(rect.right)}`);
      if (el.scrollWidth > el.clientWidth + 1 && /(auto|scroll)/.test(style.overflowX)) {
        problems.push(`${name(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    return problems;
  }, WIDTH);
}

/** The slots that cut text with an ellipsis must carry the whole text in a title. */
function cutWithoutTitle(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.body.querySelectorAll('*')).flatMap((el) => {
      const style = getComputedStyle(el);
      if (style.textOverflow !== 'ellipsis' || el.scrollWidth <= el.clientWidth) return [];
      const text = (el.textContent ?? '').trim();
      const title = el.closest('[title]')?.getAttribute('title') ?? '';
      return title.includes(text.slice(0, 40)) ? [] : [`${el.className}: "${text.slice(0, 40)}…" has no title`];
    }),
  );
}

describe.each([
  ['en', 'Find feeds on this page'],
  ['fr', 'Chercher des flux sur cette page'],
] as const)('popup layout with hostile text (%s)', (locale, findLabel) => {
  let session: ExtensionSession;

  beforeAll(async () => {
    session = await launchExtension({ locale });
    await seedSettings(session);
    await session.send('addFeed', { url: `${origin}/feed/events.jsonld`, name: FEED_NAME, home: { city: 'Caen', country: 'FR', lat: 49.1829, lon: -0.3707, source: 'user' } });
    await session.send('addFeed', { url: `${origin}/broken/${word('x', 300)}.ics`, name: `${FEED_NAME}Cassé` });
    await refreshAll(session);
  });

  afterAll(async () => {
    await session?.close();
  });

  async function openPopup(scheme: 'light' | 'dark', tabId?: number): Promise<Page> {
    const page = await session.context.newPage();
    if (tabId !== undefined) {
      // The popup is opened as a tab: make "the active tab" the group page, as the toolbar popup sees it.
      await seeTabAsActive(page, tabId);
    }
    await page.setViewportSize({ width: WIDTH, height: 600 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(session.url('popup.html'));
    await page.locator('main li button[data-event-id]').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('main[aria-busy="false"]').waitFor({ state: 'attached' });
    return page;
  }

  it.each(['light', 'dark'] as const)('list, banners and detail stay within 400 px (%s)', async (scheme) => {
    const page = await openPopup(scheme);
    await page.locator('.feed-errors').waitFor({ state: 'visible' });
    expect(await overflows(page)).toEqual([]);
    expect(await cutWithoutTitle(page)).toEqual([]);
    // "All day" / "Toute la journée" sits on one line of the time column.
    const allDayLines = await page.evaluate(() => {
      const cell = Array.from(document.querySelectorAll('.event-time > span')).find((span) => !/\d/.test(span.textContent ?? ''));
      if (!cell) return -1;
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size;
    });
    expect(allDayLines).toBe(1);
    if (scheme === 'light' && locale === 'en') await page.screenshot({ path: resolve(DOCS, 'popup-long-text.png') });

    await page.locator('main li button[data-event-id]').first().click();
    await page.locator('.detail').waitFor({ state: 'visible' });
    // The detail view shows the whole title, however long.
    expect(await page.locator('#detail-title').textContent()).toBe(LONG_TITLE);
    expect(await overflows(page)).toEqual([]);
    if (scheme === 'dark' && locale === 'fr') await page.screenshot({ path: resolve(DOCS, 'popup-long-text-detail-dark.png') });
    await page.close();
  });

  it.each(['light', 'dark'] as const)('the discovery panel stays within 400 px (%s)', async (scheme) => {
    const group = await session.context.newPage();
    const groupUrl = `${origin}/group/${word('page-', 200)}`;
    await group.goto(groupUrl);
    const tabId = await session.inWorker(
      async (url) => (await (globalThis as unknown as { chrome: typeof Browser }).chrome.tabs.query({})).find((tab) => tab.url === url)?.id,
      groupUrl,
    );
    const page = await openPopup(scheme, tabId);
    await page.getByRole('button', { name: findLabel }).click();
    await page.locator('li[data-feed-url]').first().waitFor({ timeout: 30_000 });
    expect(await overflows(page)).toEqual([]);
    expect(await cutWithoutTitle(page)).toEqual([]);
    if (scheme === 'light' && locale === 'fr') await page.screenshot({ path: resolve(DOCS, 'popup-long-text-discover.png') });
    await page.close();
    await group.close();
  });
});
