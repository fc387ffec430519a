/** A browser in French (`--lang=fr`, LANGUAGE=fr): the popup and options page speak French, dates and times too. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../../scripts/fixture-server';
import { launchExtension, type ExtensionSession } from './support/extension';
import { EXPECTED_EVENTS, localTimeParts, showsLocalStart, weekdayNames } from './support/expected-events';
import { addSampleFeeds, seedSettings } from './support/seed';

/** A string of the extension's own catalogue (public/_locales/<locale>/messages.json). */
function message(locale: 'en' | 'fr', key: string): string {
  const file = resolve(import.meta.dirname, `../../public/_locales/${locale}/messages.json`);
  const value = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { message: string }>)[key]?.message;
  if (!value) throw new Error(`no "${key}" in the ${locale} messages`);
  return value;
}

let server: FixtureServer;
let session: ExtensionSession;

beforeAll(async () => {
  server = await startFixtureServer();
  session = await launchExtension({ locale: 'fr' });
  await seedSettings(session);
  await addSampleFeeds(session, server, ['caen-js']);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('French', () => {
  it('the extension sees French as the UI language', async () => {
    expect(await session.inWorker(() => chrome.i18n.getUILanguage(), undefined)).toMatch(/^fr/);
  });

  it('the popup renders in French: "Demain", weekday names and 24-hour times', async () => {
    const popup = await session.openPopup();
    await popup.waitForEvents();
    expect(await popup.page.getAttribute('html', 'lang')).toMatch(/^fr/);
    const days = await popup.shownDays();
    expect(days[0]?.heading).toMatch(/demain/i);
    const dojo = EXPECTED_EVENTS.find((e) => e.title === 'Coding dojo hebdo' && e.day === 1)!;
    expect(localTimeParts(dojo, 'fr')).toEqual(['19:00']);
    expect(showsLocalStart(days[0]?.events[0]?.time ?? '', dojo, 'fr'), days[0]?.events[0]?.time).toBe(true);
    const talk = EXPECTED_EVENTS.find((e) => e.title.startsWith('Caen.js #42'))!;
    const talkDay = days.find((d) => d.events.some((e) => e.title === talk.title));
    expect(weekdayNames(talk.day, 'fr').some((name) => talkDay?.heading.toLowerCase().includes(name.toLowerCase()))).toBe(true);
    // The UI strings are the French catalogue's, not the English one's.
    expect(await popup.search.getAttribute('aria-label')).toBe(message('fr', 'searchLabel'));
    expect(await popup.search.getAttribute('aria-label')).not.toBe(message('en', 'searchLabel'));
    expect(await popup.page.getByRole('button', { name: message('fr', 'refresh') }).count()).toBe(1);
    await popup.close();
  });

  it('the options page renders in French', async () => {
    const options = await session.openOptions();
    await options.page.getByRole('heading').first().waitFor({ state: 'visible' });
    expect(await options.page.getAttribute('html', 'lang')).toMatch(/^fr/);
    await options.page.getByRole('heading', { name: message('fr', 'optionsTitle') }).waitFor({ state: 'visible' });
    const text = (await options.page.locator('body').textContent()) ?? '';
    expect(text).toMatch(/ville/i);
    expect(text).not.toContain(message('en', 'optionsTitle'));
    await options.close();
  });
});

declare const chrome: typeof import('@wxt-dev/browser').Browser;
