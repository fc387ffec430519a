/**
 * Discovery end to end: a local group's web page that links its iCal feed and carries its events as JSON-LD.
 * The popup's "Find feeds on this page" finds both (tested through the worker), and one click adds one.
 *
 * The popup is opened as a tab here, so "the active tab" would be the popup itself: an init script makes
 * its `tabs.query({ active: true })` answer the group page's tab, which is what the toolbar popup sees.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server';
import type { DiscoveredFeed } from '../../lib/discover/types';
import type { FeedConfig } from '../../lib/settings';
import { seeTabAsActive } from './support/active-tab';
import { launchExtension, type ExtensionSession } from './support/extension';
import { seedSettings } from './support/seed';
import type { Browser } from '@wxt-dev/browser';

declare const chrome: typeof Browser;

let feeds: FixtureServer;
let site: Server;
let pageUrl: string;
let session: ExtensionSession;

/** Two talks next week and the week after, at 18:30 Paris time (17:30Z in winter is close enough here). */
function groupPage(icalUrl: string): string {
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const event = (name: string, date: string) => ({
    '@context': 'https://schema.org',
    '@type': 'Event',
    name,
    startDate: `${date}T18:30:00+01:00`,
    endDate: `${date}T21:00:00+01:00`,
    url: `${pageUrl}#${encodeURIComponent(name)}`,
    location: { '@type': 'Place', name: 'Hey! Coworking', address: { '@type': 'PostalAddress', streetAddress: '47 Quai de Juillet', postalCode: '14000', addressLocality: 'Caen', addressCountry: 'FR' } },
  });
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Caen JS – les rencontres</title>
<link rel="alternate" type="text/calendar" title="Caen JS (iCal)" href="${icalUrl}">
<script type="application/ld+json">${JSON.stringify([event('Caen JS #41', day(7)), event('Caen JS #42', day(14))])}</script>
</head><body><h1>Caen JS</h1><p>Nos prochaines rencontres.</p></body></html>`;
}

beforeAll(async () => {
  feeds = await startFixtureServer();
  site = createServer((req, res) => {
    if (req.url?.startsWith('/caen-js/')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(groupPage(feeds.url('caen-js')));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/caen-js/`;
  session = await launchExtension();
  await seedSettings(session);
});

afterAll(async () => {
  await session?.close();
  await new Promise((resolve) => site?.close(resolve));
  await feeds?.close();
});

async function openGroupPage(): Promise<number> {
  const page = await session.context.newPage();
  await page.goto(pageUrl);
  const tabId = await session.inWorker(async (url) => (await chrome.tabs.query({})).find((tab) => tab.url === url)?.id, pageUrl);
  if (tabId === undefined) throw new Error('the group page has no tab');
  return tabId;
}

describe('discover feeds on the page you are looking at', () => {
  it('finds the calendar link and the JSON-LD events, each previewed by the worker', async () => {
    const tabId = await openGroupPage();
    const found = await session.send<DiscoveredFeed[]>('discoverFeeds', { tabId });
    expect(found.map((feed) => [feed.kind, feed.format, feed.url])).toEqual([
      ['link', 'ical', feeds.url('caen-js')],
      ['jsonld', 'html', pageUrl],
    ]);
    const [ical, page] = found;
    expect(ical!.preview).toMatchObject({ ok: true, format: 'ical' });
    expect(ical!.preview.eventCount).toBeGreaterThan(0);
    expect(page!.eventCountOnPage).toBe(2);
    expect(page!.preview).toMatchObject({ ok: true, eventCount: 2 });
  });

  it('adds one from the popup in a click', async () => {
    const tabId = await openGroupPage();
    const popupPage = await session.context.newPage();
    await seeTabAsActive(popupPage, tabId);
    await popupPage.setViewportSize({ width: 400, height: 600 });
    await popupPage.goto(session.url('popup.html'));

    await popupPage.getByRole('button', { name: 'Find feeds on this page' }).click();
    const list = popupPage.getByRole('list', { name: 'Feeds found on this page' });
    await list.getByRole('listitem').nth(1).waitFor({ timeout: 30_000 });
    const icalItem = list.locator(`li[data-feed-url="${feeds.url('caen-js')}"]`);
    const pageItem = list.locator(`li[data-feed-url="${pageUrl}"]`);
    await expect(icalItem.locator('.discover-meta').textContent()).resolves.toMatch(/^Declared by the page · iCal · \d+ upcoming events?$/);
    await expect(pageItem.locator('.discover-meta').textContent()).resolves.toBe('Events on this page · Web page · 2 upcoming events');

    await icalItem.getByRole('button', { name: /^Add / }).click();
    await icalItem.getByText('Added').waitFor({ timeout: 30_000 });
    const stored = (await session.storageGet(['feeds'])).feeds as FeedConfig[];
    expect(stored.map((feed) => feed.url)).toEqual([feeds.url('caen-js')]);
    // The page itself was not added.
    await expect(pageItem.getByRole('button', { name: /^Add / }).isEnabled()).resolves.toBe(true);
    await popupPage.close();
  });
});
