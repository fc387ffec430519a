/** Shared test helpers for the UI: the i18n API backed by the real catalogues, and event factories. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MeetupEvent } from '../../../lib/events';
import type { FeedConfig } from '../../../lib/settings';

type Catalogue = Record<string, { message: string }>;

export function loadCatalogue(lang: 'en' | 'fr'): Catalogue {
  // Paths, not `new URL(…, import.meta.url)`: under happy-dom, URL is the DOM's.
  const path = resolve(dirname(fileURLToPath(import.meta.url)), `../../../public/_locales/${lang}/messages.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as Catalogue;
}

/** What Chrome does: the message for the UI language, `$1`…`$9` replaced, '' for an unknown key. */
export function installI18n(lang: 'en' | 'fr' = 'en', uiLanguage: string = lang === 'en' ? 'en-US' : 'fr'): void {
  const catalogue = loadCatalogue(lang);
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getMessage = (name: string, subs?: string | string[]) => {
    const entry = catalogue[name];
    if (!entry) return '';
    const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return entry.message.replace(/\$(\d)/g, (_, digit: string) => list[Number(digit) - 1] ?? '');
  };
  i18n.getUILanguage = () => uiLanguage;
}

export function makeEvent(overrides: Partial<MeetupEvent> & { id: string }): MeetupEvent {
  return {
    uid: overrides.id,
    feedId: 'feed-a',
    title: `Event ${overrides.id}`,
    start: '2026-11-24T18:30:00Z',
    end: '2026-11-24T21:00:00Z',
    allDay: false,
    timeZone: 'Europe/Paris',
    status: 'confirmed',
    online: false,
    onlineUrl: null,
    location: 'La Cantine, 12 rue de la Paix, 44000 Nantes',
    place: null,
    url: 'https://example.org/events/1',
    description: null,
    image: null,
    categories: [],
    ...overrides,
  };
}

export function makeFeed(overrides: Partial<FeedConfig> & { id: string }): FeedConfig {
  return {
    url: `https://${overrides.id}.example.org/calendar.ics`,
    name: `Feed ${overrides.id}`,
    format: 'auto',
    enabled: true,
    timeZone: null,
    home: null,
    addedAt: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

/** Lets pending promises and storage callbacks run. */
export async function flush(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
