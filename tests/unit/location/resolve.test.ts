import { beforeAll, describe, expect, it } from 'vitest';
import type { EventPlace } from '../../../lib/events';
import type { Gazetteer } from '../../../lib/location/gazetteer';
import { resolveEventLocation, resolveEvents, resolveFeedEvents, usualCountry, type ResolveContext } from '../../../lib/location/resolve';
import { BERLIN, CAEN, DALLAS, PARIS_TX, SAN_JOSE, loadTestGazetteer } from './load-gazetteer';
import { makeEvent } from './make-event';

let gazetteer: Gazetteer;
beforeAll(async () => {
  gazetteer = await loadTestGazetteer();
}, 120_000);

const ctx = (city: ResolveContext['city'], extra: Partial<ResolveContext> = {}): ResolveContext => ({ gazetteer, city, ...extra });

describe('free-text LOCATION lines, as feeds write them', () => {
  it.each([
    // Meetup: "Venue (street, City, Country postcode)"
    ['Hey! Coworking (47 Quai de Juillet, Caen, France 14000)', CAEN, 'Caen', 'FR', 0, 1],
    ['Le Dôme, 3 Esplanade Stéphane Hessel, 14000 Caen', CAEN, 'Caen', 'FR', 0, 1],
    ['12 rue de Paris, 14000 Caen', CAEN, 'Caen', 'FR', 0, 1],
    ['Mairie, Hérouville St Clair', CAEN, 'Hérouville-Saint-Clair', 'FR', 3, 6],
    ['Campus Effiscience, 2 Esplanade Anton Philips, 14460 Colombelles', CAEN, 'Colombelles', 'FR', 3, 7],
    ['Médiathèque, 14400 Bayeux', CAEN, 'Bayeux', 'FR', 25, 30],
    ['Station F, 5 Parvis Alan Turing, 75013 Paris', CAEN, 'Paris', 'FR', 190, 210],
    ['Betahaus, Rudi-Dutschke-Straße 23, 10969 Berlin, Germany', CAEN, 'Berlin', 'DE', 1000, 1100],
    ['Alexanderplatz 1, 10178 Berlin', BERLIN, 'Berlin', 'DE', 0, 2],
    ['Alexanderplatz 1, 10178 Berlin', SAN_JOSE, 'Berlin', 'DE', 9000, 9300],
    ['Google Munich, Erika-Mann-Straße 33, 80636 München', BERLIN, 'Munich', 'DE', 480, 520],
    ['1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA', SAN_JOSE, 'Mountain View', 'US', 10, 20],
    ['1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA', CAEN, 'Mountain View', 'US', 8700, 8900],
    ['10 Downing St, London SW1A 2AA, UK', CAEN, 'London', 'GB', 250, 270],
    ['WeWork, 1 Poultry, London EC2R 8EJ', CAEN, 'London', 'GB', 250, 270],
    ['Town Hall, London, UK', null, 'London', 'GB', null, null],
    ['Town Hall, London, US', null, 'London', 'US', null, null],
    ['Shopify, 490 Rue de la Gauchetière O, Montréal, QC H3B 0A1, Canada', CAEN, 'Montréal', 'CA', 5000, 5500],
    ['Hauptstraße 5, 80331 München', BERLIN, 'Munich', 'DE', 480, 520],
    ['Manchester M1 1AE', CAEN, 'Manchester', 'GB', 480, 510],
    ['WeWork, 115 W 18th St, New York, NY 10011', CAEN, 'New York City', 'US', 5600, 5700],
    ['Brooklyn Public Library, Brooklyn, NY 11238', CAEN, 'Brooklyn', 'US', 5600, 5700],
    ['Keizersgracht 123, 1015 CJ Amsterdam', CAEN, 'Amsterdam', 'NL', 500, 520],
    ['Rue de la Loi 16, 1000 Bruxelles', CAEN, 'Brussels', 'BE', 370, 400],
    ['Bahnhofstrasse 1, 8001 Zürich', CAEN, 'Zürich', 'CH', 680, 700],
    ['Calle Mayor 1, 28013 Madrid', CAEN, 'Madrid', 'ES', 1000, 1020],
    ['Via Roma 1, 20121 Milano', CAEN, 'Milan', 'IT', 820, 840],
    ['1010 Wien', CAEN, 'Vienna', 'AT', 1220, 1240],
    ['Bengaluru, Karnataka 560001', CAEN, 'Bengaluru', 'IN', 8000, 8100],
    ['Bangalore', CAEN, 'Bengaluru', 'IN', 8000, 8100],
    ['Portland, ME 04101', CAEN, 'Portland', 'US', 5150, 5250],
    ['Portland, OR', CAEN, 'Portland', 'US', 8050, 8150],
    // Suburbs of Caen, as local groups write them.
    ['Salle polyvalente, Ifs', CAEN, 'Ifs', 'FR', 4, 6],
    ['Bretteville-sur-Odon', CAEN, 'Bretteville-sur-Odon', 'FR', 4, 6],
    ['Salle des fêtes de Ouistreham', CAEN, 'Ouistreham', 'FR', 11, 14],
    ['Le Cargö, 9 cours Caffarelli, Caen', CAEN, 'Caen', 'FR', 0, 1],
    ['Rue de Caen, 75001 Paris', CAEN, 'Paris', 'FR', 190, 210],
    ['Mairie de Lisieux', CAEN, 'Lisieux', 'FR', 40, 45],
    // Homonyms: the user's side of the Atlantic wins, unless the text says otherwise.
    ['Paris', CAEN, 'Paris', 'FR', 190, 210],
    ['Paris', DALLAS, 'Paris', 'US', 140, 160],
    ['Lamar County Library, Paris, TX 75460', CAEN, 'Paris', 'US', 7500, 7700],
    ['Love Civic Center, Paris, Texas', CAEN, 'Paris', 'US', 7500, 7700],
    // GeoNames names with a qualifier in parentheses, not Frankfurt am Main or Halle (Westf.).
    ['Kulturzentrum, Frankfurt (Oder), Germany', BERLIN, 'Frankfurt (Oder)', 'DE', 75, 95],
    ['Steintor-Varieté, Halle (Saale)', BERLIN, 'Halle (Saale)', 'DE', 130, 160],
    ['Le Dôme (Caen)', CAEN, 'Caen', 'FR', 0, 1],
    ['Kulturzentrum, Frankfurt (Oder), Germany', { name: 'Frankfurt am Main', lat: 50.11552, lon: 8.68417, country: 'DE', timeZone: 'Europe/Berlin' }, 'Frankfurt (Oder)', 'DE', 460, 490],
    ['Town Hall, Paris, Île-de-France', PARIS_TX, 'Paris', 'FR', 7700, 7900],
    ['Bibliothèque, 75004 Paris, France', DALLAS, 'Paris', 'FR', 7800, 8000],
    // 75013 is also a Texas ZIP, but a ZIP is written after the state, not before the town.
    ['Station F, 5 Parvis Alan Turing, 75013 Paris', PARIS_TX, 'Paris', 'FR', 7700, 7900],
  ])('%s (from %o) → %s, %s', async (location, city, name, country, minKm, maxKm) => {
    const resolved = await resolveEventLocation(makeEvent({ location }), ctx(city));
    expect(resolved).toMatchObject({ source: 'text', city: name, country, online: false, inPerson: true });
    if (minKm === null || maxKm === null) return expect(resolved.distanceKm).toBeNull();
    expect(resolved.distanceKm).toBeGreaterThanOrEqual(minKm);
    expect(resolved.distanceKm).toBeLessThanOrEqual(maxKm);
  });

  it.each([
    ['Le Dôme'],
    ['Main Street Hall'],
    ['Salle 2, 1er étage'],
    ['Chez Paul'],
  ])('a bare venue name %s stays unresolved', async (location) => {
    const resolved = await resolveEventLocation(makeEvent({ location }), ctx(CAEN));
    expect(resolved).toMatchObject({ source: 'unresolved', city: null, lat: null, distanceKm: null, inPerson: true, online: false });
  });

  it('a French postal code picks the right homonym (14xxx is Calvados)', async () => {
    // Several French towns are named Vire or Condé-sur-Noireau's neighbours; the department settles it.
    const resolved = await resolveEventLocation(makeEvent({ location: 'Salle des fêtes, 14500 Vire' }), ctx(BERLIN));
    expect(resolved).toMatchObject({ city: 'Vire', country: 'FR', region: 'Normandie', postalCode: '14500' });
    const other = await resolveEventLocation(makeEvent({ location: 'Salle polyvalente, 33370 Artigues-près-Bordeaux' }), ctx(CAEN));
    expect(other).toMatchObject({ city: 'Artigues-près-Bordeaux', region: 'Nouvelle-Aquitaine' });
  });

  it('a US ZIP code picks the state', async () => {
    const resolved = await resolveEventLocation(makeEvent({ location: 'Community Center, Springfield 62701' }), ctx(CAEN));
    expect(resolved).toMatchObject({ city: 'Springfield', country: 'US', region: 'Illinois' });
  });

  it('the feed’s usual country breaks a tie', async () => {
    const resolved = await resolveEventLocation(makeEvent({ location: 'Town Hall, London' }), ctx(null, { feedCountry: 'CA' }));
    expect(resolved).toMatchObject({ city: 'London', country: 'CA', region: 'Ontario' });
  });
});

describe('structured addresses (JSON-LD PostalAddress, CaenCamp API)', () => {
  const place = (p: Partial<EventPlace>) => makeEvent({ place: p, location: null });
  it.each([
    [{ name: 'Le Dôme', street: '3 Esplanade Stéphane Hessel', postalCode: '14000', locality: 'Caen', country: 'FR' }, CAEN, 'Caen', 'FR'],
    [{ locality: 'Köln', postalCode: '50667', country: 'DE' }, CAEN, 'Köln', 'DE'],
    [{ locality: 'Cologne', country: 'Germany' }, CAEN, 'Köln', 'DE'],
    [{ locality: 'Paris', region: 'TX', country: 'US' }, CAEN, 'Paris', 'US'],
    [{ locality: 'Paris', postalCode: '75011', country: 'France' }, DALLAS, 'Paris', 'FR'],
    [{ locality: 'Hérouville St-Clair', postalCode: '14200' }, CAEN, 'Hérouville-Saint-Clair', 'FR'],
    [{ locality: 'Mountain View', region: 'CA', postalCode: '94043', country: 'US' }, CAEN, 'Mountain View', 'US'],
  ])('%o → %s', async (p, city, name, country) => {
    const resolved = await resolveEventLocation(place(p), ctx(city));
    expect(resolved).toMatchObject({ source: 'address', city: name, country });
    expect(resolved.lat).not.toBeNull();
  });

  it('a locality missing from the gazetteer falls back to the text, then to unresolved', async () => {
    const resolved = await resolveEventLocation(place({ name: 'Salle', locality: 'Lieu-dit Inconnu', postalCode: '14000', country: 'FR' }), ctx(CAEN));
    expect(resolved.source).toBe('unresolved');
  });
});

describe('coordinates come first', () => {
  it.each([
    [49.1829, -0.3707, CAEN, 'Caen', 0, 2],
    [49.2109, -0.3065, CAEN, 'Hérouville-Saint-Clair', 3, 6],
    [49.2764, -0.7024, CAEN, 'Bayeux', 25, 30],
    [37.422, -122.0841, CAEN, 'Mountain View', 8800, 8900],
  ])('%f, %f → %s', async (lat, lon, city, name, minKm, maxKm) => {
    // The text says otherwise: GEO wins, and the distance is measured from the venue itself.
    const resolved = await resolveEventLocation(makeEvent({ location: 'Somewhere, 75001 Paris', place: { lat, lon } }), ctx(city));
    expect(resolved).toMatchObject({ source: 'coordinates', city: name, lat, lon });
    expect(resolved.distanceKm).toBeGreaterThanOrEqual(minKm);
    expect(resolved.distanceKm).toBeLessThanOrEqual(maxKm);
  });

  it('0,0 (a common "unknown") and nonsense are ignored', async () => {
    const resolved = await resolveEventLocation(makeEvent({ location: '14000 Caen', place: { lat: 0, lon: 0 } }), ctx(CAEN));
    expect(resolved).toMatchObject({ source: 'text', city: 'Caen' });
  });

  it('a venue far from any town keeps its coordinates but names no town', async () => {
    const resolved = await resolveEventLocation(makeEvent({ place: { lat: -40, lon: -130 } }), ctx(CAEN));
    expect(resolved).toMatchObject({ source: 'coordinates', city: null, lat: -40, lon: -130 });
  });

  it('without a user city, the place is found but no distance', async () => {
    const resolved = await resolveEventLocation(makeEvent({ location: '14000 Caen' }), ctx(null));
    expect(resolved).toMatchObject({ source: 'text', city: 'Caen', distanceKm: null });
  });
});

describe('online markers', () => {
  it.each([
    ['Microsoft Teams Meeting', false],
    ['Réunion Microsoft Teams', false],
    ['https://meet.google.com/abc-defg-hij', false],
    ['https://us02web.zoom.us/j/84512345678?pwd=abc', false],
    ['https://meet.jit.si/CaenCamp', false],
    ['https://bbb.univ-example.fr/b/ali-x7k-2pq', false],
    ['https://discord.gg/abcdef', false],
    ['https://lu.ma/join/g-abc', false],
    ['https://example.org/stream', false],
    ['Online event', false],
    ['En ligne', false],
    ['Zoom', false],
    ['Online', true],
  ])('%s is online only', async (location, readerOnline) => {
    const resolved = await resolveEventLocation(makeEvent({ location, online: readerOnline }), ctx(CAEN));
    expect(resolved).toMatchObject({ source: 'online', online: true, inPerson: false, city: null });
  });

  it('a VirtualLocation (reader flag, no place) is online', async () => {
    const resolved = await resolveEventLocation(makeEvent({ online: true, onlineUrl: 'https://example.org/live' }), ctx(CAEN));
    expect(resolved).toMatchObject({ source: 'online', online: true, inPerson: false });
  });

  it('Gancio’s place named "online" is not a venue', async () => {
    const resolved = await resolveEventLocation(makeEvent({ place: { name: 'online' }, online: true }), ctx(CAEN));
    expect(resolved).toMatchObject({ source: 'online', inPerson: false });
  });

  it.each([
    ['Le Dôme, Caen / https://zoom.us/j/123', false],
    ['Le Dôme, 14000 Caen', true],
  ])('mixed event %s is both in person and online', async (location, readerOnline) => {
    const resolved = await resolveEventLocation(makeEvent({ location, online: readerOnline }), ctx(CAEN));
    expect(resolved).toMatchObject({ source: 'text', city: 'Caen', online: true, inPerson: true });
  });

  it.each([
    ['a link to a page that is no meeting', 'https://techweek.example.org/2026/schedule'],
    ['a Luma event page', 'https://luma.com/abc123'],
  ])('%s as the whole LOCATION next to GEO is where to register: in person only, as the reader says', async (_label, location) => {
    const resolved = await resolveEventLocation(makeEvent({ location, place: { lat: 49.1829, lon: -0.3707 } }), ctx(CAEN));
    expect(resolved).toMatchObject({ source: 'coordinates', city: 'Caen', online: false, inPerson: true });
  });

  // One rule with the reader (attendanceOf): the link is no venue, so a group's home does not place the event.
  it.each([
    ['a Luma event page', 'https://luma.com/abc123'],
    ['a Meetup event page', 'https://www.meetup.com/caencamp/events/1/'],
    ['a page that is no meeting', 'www.example.org/live'],
  ])('%s alone, with no coordinates, is online only, as the reader says', async (_label, location) => {
    const home = { city: 'Hérouville-Saint-Clair', country: 'FR', lat: 49.2044, lon: -0.3253, source: 'directory' as const };
    const [event] = await resolveEvents([makeEvent({ location })], ctx(CAEN, { home }));
    expect(event).toMatchObject({ online: true, onlineUrl: location.replace(/^www\./, 'https://www.'), resolved: { source: 'online', inPerson: false } });
  });

  it('resolveEvents flags the event online and keeps the meeting link', async () => {
    const [event] = await resolveEvents([makeEvent({ location: 'https://meet.google.com/abc-defg-hij' })], ctx(CAEN));
    expect(event).toMatchObject({ online: true, onlineUrl: 'https://meet.google.com/abc-defg-hij', resolved: { source: 'online' } });
  });
});

describe('a feed\'s home', () => {
  const home = { city: 'Hérouville-Saint-Clair', country: 'FR', lat: 49.2044, lon: -0.3253, source: 'directory' as const };
  it.each([
    ['a venue no town matches goes home', makeEvent({ location: 'Le Dôme' }), home, { source: 'feed', city: 'Hérouville-Saint-Clair', lat: 49.2044, inPerson: true }],
    ['an event that names no place goes home', makeEvent({}), home, { source: 'feed', city: 'Hérouville-Saint-Clair', lon: -0.3253 }],
    ['an online-only event stays online', makeEvent({ location: 'https://meet.google.com/abc-defg-hij' }), home, { source: 'online', lat: null }],
    ['an event that names its town keeps it', makeEvent({ location: 'Médiathèque, 14400 Bayeux' }), home, { source: 'text', city: 'Bayeux' }],
    ['without a home, the venue stays unplaced', makeEvent({ location: 'Le Dôme' }), null, { source: 'unresolved', lat: null }],
  ])('%s', async (_, event, feedHome, expected) => {
    expect(await resolveEventLocation(event, ctx(CAEN, { home: feedHome }))).toMatchObject(expected);
  });
});

describe('batch', () => {
  it('keeps order, sets resolved on each, and finds the usual country', async () => {
    const events = [
      makeEvent({ location: '14000 Caen', id: 'a' }),
      makeEvent({ place: { lat: 49.21, lon: -0.3 }, id: 'b' }),
      makeEvent({ place: { locality: 'Bayeux', country: 'FR' }, id: 'c' }),
      makeEvent({ location: 'Online', id: 'd' }),
    ];
    const out = await resolveEvents(events, ctx(CAEN));
    expect(out.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(out.map((e) => e.resolved?.source)).toEqual(['text', 'coordinates', 'address', 'online']);
    expect(usualCountry(out)).toBe('FR');
    expect(events[0]!.resolved).toBeUndefined();
  });
});

describe('a whole feed', () => {
  it('learns the feed’s country from placed events and uses it for ambiguous text', async () => {
    // A Canadian group: its GEO-tagged events are in Ontario, so "Town Hall, London" is London, Ontario.
    const events = [
      makeEvent({ id: 'geo', place: { lat: 42.9834, lon: -81.233 } }),
      makeEvent({ id: 'addr', place: { locality: 'Toronto', country: 'CA' } }),
      makeEvent({ id: 'text', location: 'Town Hall, London' }),
    ];
    const alone = await resolveEvents(events, ctx(null));
    expect(alone[2]!.resolved).toMatchObject({ city: 'London', country: 'GB' });
    const out = await resolveFeedEvents(events, ctx(null));
    expect(out.map((e) => e.id)).toEqual(['geo', 'addr', 'text']);
    expect(out[2]!.resolved).toMatchObject({ city: 'London', country: 'CA', region: 'Ontario' });
  });
});
