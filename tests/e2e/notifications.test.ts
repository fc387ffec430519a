/**
 * What each notification says, in English and French: a new event, a summary above three, a change to a
 * starred event, a reminder. A feed on a local server is edited between refreshes; the worker's calls to
 * chrome.notifications.create are recorded as they happen (Chromium's getAll gives ids only), and the real
 * notification is still shown.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './support/extension';
import { refreshAll, seedSettings } from './support/seed';
import type { Browser } from '@wxt-dev/browser';

declare const chrome: typeof Browser;

/** A notification as the worker asked for it, with the UI language the worker reported at that moment. */
interface Shown {
  id: string;
  title: string;
  message: string;
  lang: string;
}

interface FeedEvent {
  name: string;
  start: number;
}

let events: FeedEvent[] = [];
let site: Server;
let feedUrl: string;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Starts on whole minutes, so no rounding hides a wrong time. */
const at = (ms: number) => Math.ceil(ms / 60_000) * 60_000;

function feedBody(): string {
  return JSON.stringify(
    events.map((event) => ({
      '@context': 'https://schema.org',
      '@type': 'Event',
      // A stable identity, so a moved event is the same event (the star follows it).
      '@id': `https://agenda.example.org/events/${encodeURIComponent(event.name)}`,
      name: event.name,
      startDate: new Date(event.start).toISOString(),
      endDate: new Date(event.start + 2 * HOUR).toISOString(),
      location: { '@type': 'Place', name: 'Le Dôme', address: { '@type': 'PostalAddress', streetAddress: '3 Esplanade Stéphane Hessel', postalCode: '14000', addressLocality: 'Caen', addressCountry: 'FR' } },
    })),
  );
}

beforeAll(async () => {
  site = createServer((_, res) => res.writeHead(200, { 'content-type': 'application/ld+json; charset=utf-8' }).end(feedBody()));
  await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
  feedUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/events.jsonld`;
});

afterAll(async () => {
  await new Promise((done) => site?.close(done));
});

describe.each([
  {
    locale: 'en' as const,
    intl: 'en-US',
    newTitle: (title: string) => `New meetup: ${title}`,
    summaryTitle: 'New meetups near you: 4',
    movedTitle: (title: string) => `Changed: ${title}`,
    reminderTitle: (title: string) => `Starting soon: ${title}`,
  },
  {
    locale: 'fr' as const,
    intl: 'fr',
    newTitle: (title: string) => `Nouveau meetup : ${title}`,
    summaryTitle: 'Nouveaux meetups près de chez vous : 4',
    movedTitle: (title: string) => `Modifié : ${title}`,
    reminderTitle: (title: string) => `Bientôt : ${title}`,
  },
])('notifications ($locale)', ({ locale, intl, newTitle, summaryTitle, movedTitle, reminderTitle }) => {
  let session: ExtensionSession;

  /**
   * The body the user reads: the local day and time in Paris, then the town. The date speaks the UI language
   * the worker reports: under Playwright's locale emulation Chromium's worker flips between "en-US" and the
   * emulated one, so the date's language is the one the worker reported when it created the notification (the title checks the
   * catalogue language).
   */
  let dateLocale = intl;
  const body = (start: number) =>
    `${new Intl.DateTimeFormat(dateLocale, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/Paris' }).format(start)} · Caen`;

  /** Records what the worker asks Chromium to show from now on (set again each time: the worker may restart). */
  async function recordNotifications(): Promise<void> {
    await session.inWorker(() => {
      const scope = self as unknown as { __shown?: Shown[]; __spied?: boolean };
      scope.__shown = [];
      if (scope.__spied) return;
      scope.__spied = true;
      const create = chrome.notifications.create.bind(chrome.notifications) as (id: string, options: Browser.notifications.NotificationOptions) => Promise<string>;
      (chrome.notifications as unknown as { create: typeof create }).create = (id, options) => {
        scope.__shown!.push({ id, title: String(options.title), message: String(options.message), lang: chrome.i18n.getUILanguage() });
        return create(id, options);
      };
    }, undefined);
  }

  async function shown(kind: string, count = 1): Promise<Shown[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const all = await session.inWorker(() => (self as unknown as { __shown?: Shown[] }).__shown ?? [], undefined);
      const ofKind = all.filter((n) => n.id.startsWith(`${kind}:`));
      if (ofKind.length >= count || Date.now() > deadline) {
        if (ofKind[0]) dateLocale = ofKind[0].lang;
        return ofKind;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function star(title: string): Promise<void> {
    const popup = await session.openPopup();
    await popup.waitForEvents();
    await popup.toggleStar(title);
    await popup.page.locator('li').filter({ hasText: title }).locator('button[aria-pressed="true"]').waitFor();
    await popup.close();
  }

  beforeAll(async () => {
    const now = Date.now();
    events = [{ name: 'Soirée Rust', start: at(now + 2 * DAY) }];
    session = await launchExtension({ locale });
    await seedSettings(session, { reminderMinutes: 60 });
    await session.send('addFeed', { url: feedUrl, name: 'Agenda' });
    // A feed's first sync announces nothing.
    await refreshAll(session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('a new event: its title, then when and where', async () => {
    const added = { name: 'Atelier Python', start: at(Date.now() + 3 * DAY) };
    events.push(added);
    await recordNotifications();
    await refreshAll(session);
    const [notification] = await shown('event');
    expect(notification).toMatchObject({ title: newTitle(added.name), message: body(added.start) });
  });

  it('more than three new events: one summary with the count and the first three titles', async () => {
    const base = Date.now() + 4 * DAY;
    const added = ['Rencontre A', 'Rencontre B', 'Rencontre C', 'Rencontre D'].map((name, index) => ({ name, start: at(base + index * HOUR) }));
    events.push(...added);
    await recordNotifications();
    await refreshAll(session);
    const summaries = await shown('summary');
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ title: summaryTitle, message: 'Rencontre A\nRencontre B\nRencontre C\n…' });
    expect(await shown('event', 0)).toEqual([]);
  });

  it('a starred event that moves: "changed", with its new time', async () => {
    await star('Soirée Rust');
    const moved = events[0]!;
    moved.start += HOUR;
    await recordNotifications();
    await refreshAll(session);
    const [notification] = await shown('starred');
    expect(notification).toMatchObject({ title: movedTitle('Soirée Rust'), message: body(moved.start) });
  });

  it('a starred event starting within the reminder time: a reminder', async () => {
    const soon = { name: 'Apéro code', start: at(Date.now() + 30 * 60_000) };
    events.push(soon);
    await refreshAll(session);
    await recordNotifications();
    await star(soon.name);
    const [notification] = await shown('reminder');
    expect(notification?.title).toBe(reminderTitle(soon.name));
    // The reminder comes from the star's snapshot, which keeps the feed's location text rather than the town.
    expect(notification?.message.startsWith(`${body(soon.start).replace(/ · Caen$/, '')} · `)).toBe(true);
    expect(notification?.message).toContain('Caen');
  });
});
