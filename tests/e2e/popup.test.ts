/**
 * The popup with the demo feeds, set to Caen: exactly the events near Caen, grouped by day, at the right local
 * times; search, filters, star, "Add to calendar"; and a hostile feed's HTML and javascript: URL stay inert.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server';
import { relativeDate } from '../fixtures/sample-feeds/render-template';
import { SAMPLE_FEEDS } from '../fixtures/sample-feeds/sample-feeds';
import { launchExtension, type ExtensionSession } from './support/extension';
import {
  EXPECTED_EVENTS,
  HOSTILE_TITLE_TEXT,
  dayOfMonth,
  showsLocalStart,
  startInstant,
  weekdayNames,
} from './support/expected-events';
import type { PopupPage, ShownDay } from './support/popup-page';
import { addSampleFeeds, seedSettings } from './support/seed';

let server: FixtureServer;
let session: ExtensionSession;
const DEMO_FEEDS = SAMPLE_FEEDS.filter((feed) => feed.demo).map((feed) => feed.key);
const near = EXPECTED_EVENTS.filter((event) => event.near);

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchExtension({ locale: 'en' });
  await seedSettings(session);
  await addSampleFeeds(session, server, DEMO_FEEDS);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function openPopupWithEvents(): Promise<PopupPage> {
  const popup = await session.openPopup();
  await popup.waitForEvents();
  return popup;
}

function findEvent(days: ShownDay[], title: string, day: number) {
  const matches = days.flatMap((group) => group.events.filter((e) => e.title === title).map((event) => ({ group, event })));
  const wantDay = dayOfMonth(day);
  return matches.find(({ group }) => new RegExp(`\\b${wantDay}\\b`).test(group.heading) || (day === 1 && /tomorrow/i.test(group.heading)));
}

describe('popup with the demo feeds, in Caen', () => {
  it('lists exactly the events near Caen, grouped by day, at their local times', async () => {
    const popup = await openPopupWithEvents();
    const days = await popup.shownDays();
    const titles = days.flatMap((day) => day.events.map((event) => event.title));
    // Exactly the near ones, in start order (no two of them start at the same time).
    const inOrder = [...near].sort((a, b) => startInstant(a) - startInstant(b)).map((event) => event.title);
    expect(titles).toEqual(inOrder);

    // Days in order, each heading once; "Tomorrow" for day+1, else the weekday and day of the month.
    expect(new Set(days.map((day) => day.heading)).size).toBe(days.length);
    for (const expected of near) {
      const found = findEvent(days, expected.title, expected.day);
      expect(found, `${expected.title} under the heading of day+${expected.day}`).toBeTruthy();
      const { group, event } = found!;
      if (expected.day === 1) expect(group.heading).toMatch(/tomorrow/i);
      else expect(weekdayNames(expected.day, 'en').some((name) => group.heading.includes(name))).toBe(true);
      expect(showsLocalStart(event.time, expected, 'en'), `${expected.title}: "${event.time}" starts at ${expected.start} Paris`).toBe(true);
      expect(event.cancelled, `${expected.title} cancelled`).toBe(!!expected.cancelled);
      if (expected.online) expect(event.tags.join(' ')).toMatch(/online/i);
    }
    await popup.close();
  });

  it('searches titles and venues', async () => {
    const popup = await openPopupWithEvents();
    await popup.search.fill('python');
    await expect.poll(() => popup.shownTitles()).toEqual(
      expect.arrayContaining([
        'Atelier Python : pandas sans douleur',
        'Python Normandie en ligne : typer son code',
        'Python débutants : vos premiers scripts',
      ]),
    );
    const pythonTitles = await popup.shownTitles();
    expect(pythonTitles.every((title) => !/dojo|Caen\.js|freeCodeCamp|CaenCamp/i.test(title))).toBe(true);

    await popup.search.fill('Dôme');
    await expect.poll(() => popup.shownTitles().then((t) => [...t].sort())).toEqual(
      ['Accessibilité : ce que les audits ne disent pas', 'Caen.js #42 — Les signals, enfin expliqués'].sort(),
    );
    await popup.search.fill('');
    await expect.poll(() => popup.shownTitles().then((t) => t.length)).toBe(near.length);
    await popup.close();
  });

  it('filters online events, this week, and one feed', async () => {
    const popup = await openPopupWithEvents();
    const modeSelect = popup.page.locator('select').filter({ has: popup.page.locator('option[value="online"]') });
    await modeSelect.selectOption('online');
    const pureOnline = near.filter((e) => e.online).map((e) => e.title);
    await expect.poll(() => popup.shownTitles()).toEqual(expect.arrayContaining(pureOnline));
    const online = await popup.shownTitles();
    expect(online.filter((title) => !pureOnline.includes(title))).toEqual(
      online.filter((title) => title === 'Hackathon solidaire freeCodeCamp Caen'),
    );
    await modeSelect.selectOption('all');

    const nextDays = popup.page.getByRole('group').getByRole('button', { name: /next 7 days|this week/i });
    await nextDays.click();
    await expect.poll(async () => (await popup.shownTitles()).length).toBeLessThan(near.length);
    const week = await popup.shownTitles();
    expect(week).toEqual(expect.arrayContaining(near.filter((e) => e.day <= 6).map((e) => e.title)));
    const later = near.filter((e) => e.day >= 8 && !near.some((o) => o.title === e.title && o.day < 8)).map((e) => e.title);
    expect(week.filter((title) => later.includes(title))).toEqual([]);
    await nextDays.click();

    const feedSelect = popup.page.locator('select').filter({ hasText: 'CaenCamp' });
    await feedSelect.selectOption({ label: 'CaenCamp' });
    await expect.poll(() => popup.shownTitles().then((t) => [...t].sort())).toEqual(
      near.filter((e) => e.feed === 'caencamp').map((e) => e.title).sort(),
    );
    await popup.close();
  });

  it('stars an event, shows it in the starred view, and keeps it starred after reopening', async () => {
    const title = 'Caen.js #42 — Les signals, enfin expliqués';
    let popup = await openPopupWithEvents();
    await popup.toggleStar(title);
    await expect.poll(async () => (await popup.shownDays()).flatMap((d) => d.events).find((e) => e.title === title)?.starred).toBe(true);
    await popup.page.getByRole('group').getByRole('button', { name: /starred/i }).click();
    await expect.poll(() => popup.shownTitles()).toEqual([title]);
    await popup.close();

    popup = await openPopupWithEvents();
    const row = (await popup.shownDays()).flatMap((d) => d.events).find((e) => e.title === title);
    expect(row?.starred).toBe(true);
    await popup.close();
  });

  it('downloads an .ics of one event from "Add to calendar"', async () => {
    const expected = near.find((e) => e.title.startsWith('Caen.js #42'))!;
    const popup = await openPopupWithEvents();
    await popup.openEvent(expected.title);
    const download = await popup.downloadIcs();
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const ics = await readFile((await download.path())!, 'utf8');
    expect(ics).toMatch(/BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT[\s\S]*END:VEVENT[\s\S]*END:VCALENDAR/);
    expect((ics.match(/BEGIN:VEVENT/g) ?? []).length).toBe(1);
    expect(ics.replace(/\r?\n[ \t]/g, '')).toContain('Caen.js #42');
    const utc = new Date(startInstant(expected)).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const local = `${relativeDate(expected.day).replace(/-/g, '')}T183000`;
    expect(ics.includes(`DTSTART:${utc}`) || ics.includes(`Europe/Paris:${local}`)).toBe(true);
    await popup.close();
  });

  it('works from the keyboard: / focuses search, arrows move through events, Enter opens, Escape returns', async () => {
    const popup = await openPopupWithEvents();
    const titles = await popup.shownTitles();
    await popup.page.locator('body').press('/');
    await expect.poll(() => popup.page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await popup.page.keyboard.press('ArrowDown');
    const focusedTitle = () =>
      popup.page.evaluate(() => document.activeElement?.closest('li')?.querySelector('.event-title-text')?.textContent ?? null);
    await expect.poll(focusedTitle).toBe(titles[0]);
    await popup.page.keyboard.press('ArrowDown');
    await popup.page.keyboard.press('ArrowDown');
    await expect.poll(focusedTitle).toBe(titles[2]);
    await popup.page.keyboard.press('Enter');
    const dialog = popup.page.getByRole('dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.getByRole('heading').first().textContent()).toBe(titles[2]);
    await popup.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(focusedTitle).toBe(titles[2]);
    await popup.close();
  });

  it('offers the event page, a Google Calendar link and an OpenStreetMap link for a placed event', async () => {
    const popup = await openPopupWithEvents();
    await popup.openEvent(/Caen\.js #42/);
    const hrefs = await popup.page
      .getByRole('dialog')
      .locator('a[href]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs).toContain('https://www.meetup.com/caen-js/events/301234567/');
    expect(hrefs.some((href) => href.startsWith('https://calendar.google.com/'))).toBe(true);
    expect(hrefs.some((href) => /^https:\/\/www\.openstreetmap\.org\/.*49\.18/.test(href))).toBe(true);
    await popup.close();
  });

  it('renders a feed’s HTML and javascript: URLs as inert text, with no link', async () => {
    await addSampleFeeds(session, server, ['hostile']);
    const popup = await openPopupWithEvents();
    const row = popup.eventRow(HOSTILE_TITLE_TEXT);
    await row.waitFor({ state: 'visible' });
    expect(await row.locator('img, script, iframe, b, i, style, a').count()).toBe(0);
    await popup.openEvent(HOSTILE_TITLE_TEXT);
    const dialog = popup.page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toMatch(/cliquer ici/);
    expect(await dialog.locator('img, script, iframe, b, i, style').count()).toBe(0);
    const hrefs = await popup.page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.filter((href) => !/^https?:/i.test(href))).toEqual([]);
    // Nothing from the feed ran, and the page is still visible (the <style> did not apply).
    expect(await popup.page.evaluate(() => (window as { __lmPwned?: string }).__lmPwned)).toBeUndefined();
    await expect(popup.page.locator('body').isVisible()).resolves.toBe(true);
    await popup.close();
  });
});
