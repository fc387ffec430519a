/**
 * Location benchmark: packed gazetteer sizes, index load, city search per keystroke (warm index),
 * nearest town, fuzzy "closest names", and resolving + filtering 10,000 events of mixed shapes.
 */
import type { EventPlace, MeetupEvent } from '../../lib/events';
import { Gazetteer } from '../../lib/location/gazetteer';
import { isNearUser } from '../../lib/location/near';
import { nodeGazetteerLoader } from '../cli/node-gazetteer';
import { resolveEvents } from '../../lib/location/resolve';
import { ensureGazetteer, gazetteerSizes } from '../build-gazetteer';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number) => `${value.toFixed(value < 1 ? 3 : 1)} ms`;

function stats(samples: number[]): { median: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

/** Every prefix of what a user types, keystroke by keystroke. */
const TYPED = ['Hérouville St Clair', 'Caen, FR', 'Köln', 'Cologne', 'Paris, Texas', 'San Francisco', 'St-Lô', 'Mountain View', 'Saint'];

const TEXT_LOCATIONS = [
  'Hey! Coworking (47 Quai de Juillet, Caen, France 14000)',
  'Le Dôme, 3 Esplanade Stéphane Hessel, 14000 Caen',
  '1600 Amphitheatre Pkwy, Mountain View, CA 94043, USA',
  '10 Downing St, London SW1A 2AA, UK',
  'Alexanderplatz 1, 10178 Berlin',
  'Station F, 5 Parvis Alan Turing, 75013 Paris',
  'Mairie, Hérouville St Clair',
  'Médiathèque Les 7 Lieux, 14400 Bayeux',
  'Betahaus, Rudi-Dutschke-Straße 23, 10969 Berlin, Germany',
  'Shopify, 490 Rue de la Gauchetière O, Montréal, QC H3B 0A1, Canada',
  'Le Dôme',
  'Salle 2, 1er étage',
  'Campus Effiscience, Colombelles',
  'Lamar County Library, Paris, TX 75460',
];
const ONLINE_LOCATIONS = ['Microsoft Teams Meeting', 'https://meet.google.com/abc-defg-hij', 'Online event', 'En ligne', 'https://us02web.zoom.us/j/845'];
const ADDRESSES: Array<Partial<EventPlace>> = [
  { locality: 'Caen', postalCode: '14000', country: 'FR' },
  { locality: 'Köln', postalCode: '50667', country: 'DE' },
  { locality: 'Paris', region: 'TX', country: 'US' },
  { locality: 'Hérouville St-Clair', postalCode: '14200' },
  { locality: 'Lisieux', country: 'France' },
];

function benchEvents(count: number): MeetupEvent[] {
  const events: MeetupEvent[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 20;
    let location: string | null = null;
    let place: EventPlace | null = null;
    const blank: EventPlace = { name: null, street: null, postalCode: null, locality: null, region: null, country: null, lat: null, lon: null };
    if (kind < 6) {
      // Coordinates scattered over Normandy and beyond (Luma, Gancio, Mobilizon).
      place = { ...blank, lat: 48.5 + ((i * 7919) % 2000) / 1000, lon: -1.5 + ((i * 104729) % 4000) / 1000 };
    } else if (kind < 10) {
      place = { ...blank, ...ADDRESSES[i % ADDRESSES.length] };
    } else if (kind < 17) {
      location = TEXT_LOCATIONS[i % TEXT_LOCATIONS.length]!;
    } else {
      location = ONLINE_LOCATIONS[i % ONLINE_LOCATIONS.length]!;
    }
    events.push({
      id: `bench|${i}|2026-12-01T18:00:00Z`, uid: String(i), feedId: `feed-${i % 12}`, title: `Event ${i}`,
      start: '2026-12-01T18:00:00Z', end: null, allDay: false, timeZone: null, status: 'confirmed',
      online: false, onlineUrl: null, location, place, url: null, description: null, image: null, categories: [],
    });
  }
  return events;
}

export default async function benchLocation(): Promise<void> {
  console.log('\n## Location');
  await ensureGazetteer();
  const sizes = await gazetteerSizes();
  console.log(`gazetteer: ${kib(sizes.total)} on disk (index ${kib(sizes.index)}, largest shard ${sizes.largest.file} ${kib(sizes.largest.bytes)})`);

  let t = performance.now();
  const gazetteer = await Gazetteer.load(nodeGazetteerLoader());
  console.log(`index load (cold, ${gazetteer.size} towns): ${ms(performance.now() - t)}`);
  t = performance.now();
  await gazetteer.search('Caen', 5);
  console.log(`first search incl. loading the FR shard: ${ms(performance.now() - t)}`);

  // Warm: the shards the answers need are loaded once, as they stay loaded in the background worker.
  for (const word of TYPED) for (let i = 1; i <= word.length; i++) await gazetteer.search(word.slice(0, i), 8);
  const samples: number[] = [];
  let worst = { query: '', time: 0 };
  for (let round = 0; round < 20; round++) {
    for (const word of TYPED) {
      for (let i = 1; i <= word.length; i++) {
        const query = word.slice(0, i);
        const start = performance.now();
        await gazetteer.search(query, 8);
        const time = performance.now() - start;
        samples.push(time);
        if (time > worst.time) worst = { query, time };
      }
    }
  }
  const s = stats(samples);
  console.log(`search per keystroke (warm, ${samples.length} keystrokes, 8 results): median ${ms(s.median)}, p95 ${ms(s.p95)}, max ${ms(s.max)} ("${worst.query}")`);

  const points = Array.from({ length: 2000 }, (_, i) => [35 + ((i * 7919) % 3000) / 100, -10 + ((i * 104729) % 4000) / 100] as const);
  await gazetteer.nearest(points[0]![0], points[0]![1]);
  t = performance.now();
  for (const [lat, lon] of points) await gazetteer.nearest(lat, lon);
  console.log(`nearest town (Europe, 2,000 points, shards loaded as needed): ${ms((performance.now() - t) / points.length)} each`);

  t = performance.now();
  await gazetteer.closest('Hérouvile', 5);
  console.log(`closest names for a mistyped city (edit distance over every name): ${ms(performance.now() - t)}`);

  const events = benchEvents(10_000);
  const city = { lat: 49.18585, lon: -0.35912, country: 'FR' };
  t = performance.now();
  const resolved = await resolveEvents(events, { gazetteer, city, feedCountry: 'FR' });
  const resolveTime = performance.now() - t;
  const filter = { city, radiusKm: 25, includeOnline: true };
  t = performance.now();
  const kept = resolved.filter((event) => isNearUser(event, filter));
  const filterTime = performance.now() - t;
  const bySource = new Map<string, number>();
  for (const e of resolved) bySource.set(e.resolved!.source, (bySource.get(e.resolved!.source) ?? 0) + 1);
  console.log(
    `resolve 10,000 events: ${ms(resolveTime)} (${((resolveTime * 1000) / events.length).toFixed(0)} µs/event; ` +
      `${[...bySource].map(([k, v]) => `${k} ${v}`).join(', ')}); filter: ${ms(filterTime)}, ${kept.length} kept`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchLocation();
