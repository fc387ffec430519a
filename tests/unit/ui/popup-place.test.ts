import { describe, expect, it } from 'vitest';
import { placeLine } from '../../../components/popup/event-list';
import type { EventPlace, MeetupEvent, ResolvedLocation } from '../../../lib/events';
import type { EventItem } from '../../../lib/ui/popup-model';
import { venueName } from '../../../lib/ui/popup-model';
import { makeEvent } from './helpers';

const resolvedIn = (city: string | null): ResolvedLocation => ({ source: 'text', city, country: 'FR', lat: 49.18, lon: -0.37, distanceKm: null });
const place = (fields: Partial<EventPlace>): EventPlace => ({
  name: null,
  street: null,
  postalCode: null,
  locality: null,
  region: null,
  country: null,
  lat: null,
  lon: null,
  ...fields,
});

function item(fields: Partial<MeetupEvent>, distanceKm: number | null): EventItem {
  const event = makeEvent({ id: 'x', ...fields });
  return {
    event,
    sources: [event],
    feedName: 'Feed',
    startMs: 0,
    dayKey: '2026-11-24',
    distanceKm,
    isNew: false,
    starred: false,
  };
}

describe('the place line of a row', () => {
  it.each<[string, string | null, string | null, number | null, string]>([
    // Meetup's LOCATION: venue, then the address in parentheses.
    ['Meetup', 'La Grande Halle (rue de la Côte, Caen, France 14000)', 'Caen', 1.06, 'La Grande Halle · Caen · 1.1\u00a0km'],
    ['Meetup, venue with a comma before the address', 'Le Dôme, (3 esplanade Stéphane Hessel, Caen, France)', 'Caen', 0.4, 'Le Dôme · Caen · 0.4\u00a0km'],
    // Luma: a street address, its first part is what a person reads first.
    ['Luma address', '12 Rue Écuyère, 14000 Caen, France', 'Caen', 0.3, '12 Rue Écuyère · Caen · 0.3\u00a0km'],
    ['Luma venue + address', 'Station F, 5 Parvis Alan Turing, 75013 Paris, France', 'Paris', 2.4, 'Station F · Paris · 2.4\u00a0km'],
    // Gancio: "place name, address".
    ['Gancio', 'Le Cargö, 9 Cours Caffarelli, 14000 Caen', 'Caen', 1.5, 'Le Cargö · Caen · 1.5\u00a0km'],
    // Outlook's online meetings have no comma nor town.
    ['Outlook Teams', 'Microsoft Teams Meeting', null, null, 'Microsoft Teams Meeting'],
    ['plain venue', 'Café des Images', 'Hérouville-Saint-Clair', 3.2, 'Café des Images · Hérouville-Saint-Clair · 3.2\u00a0km'],
    ['venue holding the town', 'Caen Coworking', 'Caen', 0.8, 'Caen Coworking · 0.8\u00a0km'],
    ['venue with a parenthesised note', 'Salle 2 (1er étage)', 'Caen', 0.2, 'Salle 2 · Caen · 0.2\u00a0km'],
    ['unbalanced parenthesis', 'Le Pavillon (quai François Mitterrand, Caen', 'Caen', 0.9, 'Le Pavillon · Caen · 0.9\u00a0km'],
    ['only a parenthesis', '(Online)', null, null, 'Online'],
    ['no location', null, 'Caen', 4, 'Caen · 4\u00a0km'],
  ])('%s: %s', (_, location, city, distance, expected) => {
    expect(placeLine(item({ location, resolved: resolvedIn(city) }, distance), 'en')).toBe(expected);
  });

  it('uses the venue name the reader found over the text', () => {
    const event = { location: 'Big Hall, rue X, Caen', place: place({ name: 'La Grande Halle', locality: 'Caen' }) };
    expect(venueName(event)).toBe('La Grande Halle');
    expect(placeLine(item({ ...event, resolved: undefined }, 1.06), 'en')).toBe('La Grande Halle · Caen · 1.1\u00a0km');
  });

  it('shows no distance for an online-only event', () => {
    expect(placeLine(item({ online: true, location: null, place: null, resolved: resolvedIn('Caen') }, 2), 'en')).toBe('Caen');
  });
});
