/** A small, realistic stored state: a user in Nantes with two local feeds (seeded through the real items). */
import type { MeetupEvent } from '../../../lib/events';
import { DEFAULT_SETTINGS, type FeedConfig, type Settings } from '../../../lib/settings';
import { EMPTY_FEED_STATE, feedDataItem, feedsItem, seenItem, settingsItem } from '../../../lib/storage';
import { makeEvent, makeFeed } from './helpers';

export const NOW = Date.parse('2026-11-24T12:00:00Z'); // a Tuesday
export const NANTES = { geonameId: 2990969, name: 'Nantes', region: 'Pays de la Loire', country: 'FR', lat: 47.2173, lon: -1.5534, timeZone: 'Europe/Paris' };

const near = (lat: number, lon: number, city: string) => ({ source: 'address' as const, city, country: 'FR', lat, lon, distanceKm: null });

export function sampleEvents(): { a: MeetupEvent[]; b: MeetupEvent[] } {
  const a = [
    makeEvent({ id: 'past', feedId: 'a', title: 'Yesterday’s talk', start: '2026-11-23T18:00:00Z', end: '2026-11-23T20:00:00Z', resolved: near(47.21, -1.55, 'Nantes') }),
    makeEvent({ id: 'tonight', feedId: 'a', title: 'Rust Nantes #12', start: '2026-11-24T17:30:00Z', end: '2026-11-24T20:00:00Z', description: 'Ownership, lifetimes et café.', resolved: near(47.21, -1.55, 'Nantes') }),
    makeEvent({ id: 'cancelled', feedId: 'a', title: 'Apéro JS', status: 'cancelled', start: '2026-11-25T18:00:00Z', end: '2026-11-25T20:00:00Z', resolved: near(47.2, -1.6, 'Nantes') }),
    makeEvent({ id: 'paris', feedId: 'a', title: 'Paris.rb', start: '2026-11-26T18:00:00Z', end: '2026-11-26T20:00:00Z', location: 'Paris', resolved: near(48.8566, 2.3522, 'Paris') }),
    makeEvent({ id: 'later', feedId: 'a', title: 'DevFest Nantes', allDay: true, start: '2026-12-10', end: '2026-12-12', location: 'Cité des Congrès, Nantes', resolved: near(47.2127, -1.5426, 'Nantes') }),
  ];
  const b = [
    makeEvent({ id: 'online', feedId: 'b', title: 'Remote Python meetup', online: true, location: null, start: '2026-11-27T19:00:00Z', end: '2026-11-27T20:00:00Z', timeZone: 'America/New_York' }),
    makeEvent({ id: 'saint-nazaire', feedId: 'b', title: 'Café Craft', start: '2026-11-28T09:00:00Z', end: '2026-11-28T11:00:00Z', location: 'Saint-Nazaire', resolved: near(47.2735, -2.2138, 'Saint-Nazaire') }),
  ];
  return { a, b };
}

export interface SeedOptions {
  settings?: Partial<Settings>;
  feeds?: FeedConfig[];
  errorB?: string | null;
  seen?: string[];
}

export async function seedStorage(options: SeedOptions = {}): Promise<void> {
  const feeds = options.feeds ?? [makeFeed({ id: 'a', name: 'Rust Nantes' }), makeFeed({ id: 'b', name: 'Ouest Tech' })];
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, city: NANTES, radiusKm: 60, ...options.settings });
  await feedsItem.setValue(feeds);
  const { a, b } = sampleEvents();
  await feedDataItem('a').setValue({ state: { ...EMPTY_FEED_STATE, lastSuccess: '2026-11-24T11:50:00Z', eventCount: a.length, synced: true }, events: a });
  await feedDataItem('b').setValue({
    state: { ...EMPTY_FEED_STATE, lastSuccess: '2026-11-24T10:00:00Z', error: options.errorB ?? null, eventCount: b.length, synced: true },
    events: b,
  });
  await seenItem.setValue(options.seen ?? ['tonight']);
}
