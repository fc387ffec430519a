/**
 * The feed-home rules: a directory feed's home, a home learned from concentrated placed events, a spread feed
 * that learns none, the user's override, and the home put on events without a usable place. Events are resolved
 * by the real resolver and gazetteer from LOCATION lines shaped like Meetup's and Luma's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MeetupEvent } from '../../../lib/events';
import { applyFeedHome, judgeFeedHome, nextFeedHome, type HomeTown } from '../../../lib/location/feed-home';
import type { Gazetteer } from '../../../lib/location/gazetteer';
import { HOME_SOURCE, isNearUser, isPlacedAtHome, nearFilterOf } from '../../../lib/location/near';
import { resolveFeedEvents } from '../../../lib/location/resolve';
import type { FeedConfig, FeedHome } from '../../../lib/settings';
import { CAEN as CAEN_TOWN, loadTestGazetteer } from './load-gazetteer';

const CAEN = { ...CAEN_TOWN, geonameId: 3029241, region: 'Normandie' };
import { makeEvent } from './make-event';

let gazetteer: Gazetteer;
beforeAll(async () => {
  gazetteer = await loadTestGazetteer();
});

const nearestTown = (lat: number, lon: number): Promise<HomeTown | null> => gazetteer.nearestCity(lat, lon);

// Meetup writes "Venue (street, City, Country postcode)"; Luma "Venue, street, postcode City, Country".
const CAEN_LINES = [
  'Hey! Coworking (47 Quai de Juillet, Caen, France 14000)',
  'Le Dôme, 3 Esplanade Stéphane Hessel, 14000 Caen, France',
  'Campus 2, Boulevard du Maréchal Juin, 14000 Caen',
  'Le Forum, 1 Place de l’Europe, 14200 Hérouville-Saint-Clair',
  'Le WIP, 11 Rue Jacques Prévert, 14460 Colombelles, France',
];
const SPREAD_LINES = [
  'Station F, 5 Parvis Alan Turing, 75013 Paris, France',
  'H7, 70 Quai Perrache, 69002 Lyon, France',
  'Factory Berlin, Rheinsberger Str. 76/77, 10115 Berlin, Germany',
  'Le Dôme, 3 Esplanade Stéphane Hessel, 14000 Caen, France',
  'EuraTechnologies, 165 Avenue de Bretagne, 59000 Lille, France',
];

async function resolvedFeed(lines: readonly (string | null)[], home: FeedHome | null = null): Promise<MeetupEvent[]> {
  const events = lines.map((location, i) => makeEvent({ location, id: `feed|e${i}|2026-12-0${i + 1}T17:30:00Z` }));
  return resolveFeedEvents(events, { gazetteer, city: CAEN, home });
}

const feed = (home: FeedHome | null, extra: Partial<FeedConfig> = {}): Pick<FeedConfig, 'home' | 'learnHome'> => ({ home, ...extra });
const DIRECTORY_ROUEN: FeedHome = { city: 'Rouen', country: 'FR', lat: 49.4431, lon: 1.0993, source: 'directory' };
const USER_BAYEUX: FeedHome = { city: 'Bayeux', country: 'FR', lat: 49.2776, lon: -0.7039, source: 'user' };

describe('learning a home from placed events', () => {
  it('a feed whose events are all around Caen learns Caen', async () => {
    const events = await resolvedFeed([...CAEN_LINES, 'Salle 2', null]);
    expect(judgeFeedHome(events)).toMatchObject({ kind: 'local', placed: 5 });
    expect(await nextFeedHome(feed(null), events, nearestTown)).toMatchObject({ city: 'Caen', country: 'FR', source: 'learned' });
  });

  it('4 of 5 placed events near one point (80%) is local; 3 of 5 is spread', async () => {
    const fourOfFive = await resolvedFeed([...CAEN_LINES.slice(0, 4), 'Station F, 5 Parvis Alan Turing, 75013 Paris, France']);
    expect(judgeFeedHome(fourOfFive).kind).toBe('local');
    const threeOfFive = await resolvedFeed([...CAEN_LINES.slice(0, 3), ...SPREAD_LINES.slice(0, 2)]);
    expect(judgeFeedHome(threeOfFive).kind).toBe('spread');
  });

  it('a feed spread over many cities learns no home and forgets a learned one', async () => {
    const events = await resolvedFeed([...SPREAD_LINES, 'Salle 2']);
    expect(judgeFeedHome(events)).toMatchObject({ kind: 'spread', placed: 5 });
    expect(await nextFeedHome(feed(null), events, nearestTown)).toBeNull();
    const learned: FeedHome = { city: 'Caen', country: 'FR', lat: 49.18585, lon: -0.35912, source: 'learned' };
    expect(await nextFeedHome(feed(learned), events, nearestTown)).toBeNull();
  });

  it('fewer than 3 placed events say nothing: no home learned, a learned one kept', async () => {
    const events = await resolvedFeed([CAEN_LINES[0]!, CAEN_LINES[1]!, 'Salle 2', null]);
    expect(judgeFeedHome(events)).toEqual({ kind: 'unknown', placed: 2 });
    expect(await nextFeedHome(feed(null), events, nearestTown)).toBeNull();
    const learned: FeedHome = { city: 'Lisieux', country: 'FR', lat: 49.1466, lon: 0.2293, source: 'learned' };
    expect(await nextFeedHome(feed(learned), events, nearestTown)).toBe(learned);
  });

  it('online events and events put at a home are not evidence', async () => {
    const events = [
      ...(await resolvedFeed(['https://meet.google.com/abc-defg-hij', 'Online event', CAEN_LINES[0]!])),
      ...(await resolvedFeed(['Salle 2', null, 'Room 4'], DIRECTORY_ROUEN)),
    ];
    expect(events.filter(isPlacedAtHome)).toHaveLength(3);
    expect(judgeFeedHome(events)).toEqual({ kind: 'unknown', placed: 1 });
  });

  it('a learned home that still fits stays (no flipping between neighbouring towns)', async () => {
    const events = await resolvedFeed(CAEN_LINES);
    const herouville: FeedHome = { city: 'Hérouville-Saint-Clair', country: 'FR', lat: 49.2044, lon: -0.3253, source: 'learned' };
    expect(await nextFeedHome(feed(herouville), events, nearestTown)).toBe(herouville);
  });
});

describe('homes that are not learned', () => {
  it.each<[string, Pick<FeedConfig, 'home' | 'learnHome'>, FeedHome | null]>([
    ['a directory feed keeps its group\'s town', feed(DIRECTORY_ROUEN), DIRECTORY_ROUEN],
    ['the user\'s choice wins over its events', feed(USER_BAYEUX), USER_BAYEUX],
    ['a home the user cleared is not learned again', feed(null, { learnHome: false }), null],
  ])('%s', async (_, config, expected) => {
    const events = await resolvedFeed(CAEN_LINES);
    expect(judgeFeedHome(events).kind).toBe('local');
    expect(await nextFeedHome(config, events, nearestTown)).toEqual(expected);
  });

  it('a spread directory feed keeps its home', async () => {
    expect(await nextFeedHome(feed(DIRECTORY_ROUEN), await resolvedFeed(SPREAD_LINES), nearestTown)).toBe(DIRECTORY_ROUEN);
  });
});

describe('events without a usable place', () => {
  it('from a directory feed in the user\'s town: at the home, marked, and near the user', async () => {
    const home: FeedHome = { city: 'Caen', country: 'FR', lat: 49.1829, lon: -0.3707, source: 'directory' };
    const [venueOnly, noPlace, placedFar, onlineOnly] = await resolvedFeed(
      ['Salle 2', null, 'Station F, 5 Parvis Alan Turing, 75013 Paris, France', 'https://meet.google.com/abc-defg-hij'],
      home,
    );
    const filter = nearFilterOf({ city: CAEN, radiusKm: 25, includeOnline: false });
    expect(venueOnly?.resolved).toMatchObject({ source: HOME_SOURCE, city: 'Caen', inPerson: true });
    expect(noPlace?.resolved).toMatchObject({ source: HOME_SOURCE, city: 'Caen' });
    expect([venueOnly, noPlace].map((event) => isPlacedAtHome(event!) && isNearUser(event!, filter))).toEqual([true, true]);
    // An event that names its place keeps it, and a far one is not listed because of its feed's home.
    expect(placedFar?.resolved).toMatchObject({ source: 'text', city: 'Paris' });
    expect(isNearUser(placedFar!, filter)).toBe(false);
    expect(onlineOnly?.resolved?.source).toBe('online');
  });

  it('from a feed without a home: not near (so a feed that is not local never floods the list)', async () => {
    const [venueOnly] = await resolvedFeed(['Salle 2']);
    expect(venueOnly?.resolved?.source).toBe('unresolved');
    expect(isNearUser(venueOnly!, nearFilterOf({ city: CAEN, radiusKm: 25, includeOnline: true }))).toBe(false);
  });

  it('applyFeedHome moves them with the home, leaves placed ones alone, and changes nothing twice', async () => {
    const events = await resolvedFeed(['Salle 2', CAEN_LINES[0]!, null]);
    const atRouen = applyFeedHome(events, DIRECTORY_ROUEN, CAEN);
    expect(atRouen.map((event) => event.resolved?.city)).toEqual(['Rouen', 'Caen', 'Rouen']);
    expect(atRouen[0]?.resolved?.distanceKm).toBeGreaterThan(100);
    expect(atRouen[1]).toBe(events[1]);
    expect(applyFeedHome(atRouen, DIRECTORY_ROUEN, CAEN)).toBe(atRouen);
    const cleared = applyFeedHome(atRouen, null, CAEN);
    expect(cleared.map((event) => event.resolved?.source)).toEqual(['unresolved', 'text', 'unresolved']);
    expect(cleared[0]?.resolved).toMatchObject({ lat: null, lon: null, city: null });
  });
});
