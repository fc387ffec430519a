import { describe, expect, it } from 'vitest';
import type { MeetupEvent, ParseOptions } from '../../../lib/events';
import { gancioBase, isGancioList, parseGancio } from '../../../lib/feeds/gancio';
import { fixtureJson, NOW } from './json-fixtures';

const data = fixtureJson('json/gancio-events.json') as unknown[];
const options: ParseOptions = { feedId: 'gancio', defaultTimeZone: 'Europe/Paris', now: NOW, baseUrl: 'https://agenda.example.org/api/events?start=1795600000' };
const result = parseGancio(data, options);
const byTitle = (title: string) => result.events.find((e) => e.title === title) as MeetupEvent;

describe('Gancio API', () => {
  it('recognizes the shape', () => {
    expect(isGancioList(data)).toBe(true);
    expect(isGancioList([{ title: 'x', start: '2026-12-01' }])).toBe(false);
    expect(isGancioList([])).toBe(false);
  });

  it('reads unix seconds as instants, the place with coordinates, tags, media and the event page', () => {
    expect(byTitle('Install party GNU/Linux')).toMatchObject({
      uid: '412@agenda.example.org',
      start: '2026-11-26T17:00:00Z',
      end: '2026-11-26T21:00:00Z',
      allDay: false,
      timeZone: null,
      status: 'confirmed',
      online: false,
      location: 'Le Local, 14 rue des Lilas, 35000 Rennes',
      url: 'https://agenda.example.org/event/install-party-gnulinux',
      image: 'https://agenda.example.org/media/a1b2c3d4.jpg',
      categories: ['linux', 'install-party'],
    });
    expect(byTitle('Install party GNU/Linux').place).toEqual({
      name: 'Le Local', street: '14 rue des Lilas', postalCode: '35000', locality: 'Rennes', region: null, country: null, lat: 48.1147, lon: -1.6794,
    });
  });

  it('the place named "online" and online_locations make an online event; unsafe links are dropped', () => {
    expect(byTitle('Atelier vie privée en ligne')).toMatchObject({
      online: true, onlineUrl: 'https://visio.example.org/b/atelier', location: null, place: null, end: null,
    });
  });

  it('reads string timestamps and coordinates, and does not repeat a name used as address', () => {
    expect(byTitle('Festival des communs')).toMatchObject({
      start: '2026-12-06T09:00:00Z', end: '2026-12-08T09:00:00Z', location: 'Parc des Gayeulles',
    });
    expect(byTitle('Festival des communs').place).toMatchObject({ lat: 48.1314, lon: -1.639, street: null });
  });

  it('skips the event without a start, with a warning', () => {
    expect(result.events).toHaveLength(3);
    expect(result.warnings).toEqual(['Skipped event 4 ("Sans date"): unreadable start_datetime']);
  });

  it('without a base URL there is no page link nor image, and the uid says where it came from', () => {
    const bare = parseGancio(data, { feedId: 'g' });
    expect(bare.events[0]).toMatchObject({ uid: 'gancio-412', url: null, image: null });
  });

  it.each([
    ['https://agenda.example.org/api/events', 'https://agenda.example.org'],
    ['https://example.org/gancio/api/events?start=1', 'https://example.org/gancio'],
    ['https://agenda.example.org/', 'https://agenda.example.org'],
    ['file:///tmp/x.json', null],
    [undefined, null],
  ])('base of %s is %s', (url, base) => {
    expect(gancioBase(url)).toBe(base);
  });
});
