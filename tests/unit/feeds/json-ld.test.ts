import { describe, expect, it } from 'vitest';
import type { MeetupEvent, ParseOptions } from '../../../lib/events';
import { emptyPlace, splitAddress } from '../../../lib/feeds/json-common';
import { isEventNode, parseJsonLd, readJsonLdEvent, readJsonLdLocation, scanJsonLd } from '../../../lib/feeds/json-ld';
import { fixtureJson, NOW } from './json-fixtures';

const options: ParseOptions = { feedId: 'feed', defaultTimeZone: 'Europe/Paris', now: NOW };

const byTitle = (events: MeetupEvent[], title: string) => {
  const event = events.find((e) => e.title.startsWith(title));
  if (!event) throw new Error(`no event "${title}" in ${events.map((e) => e.title).join(', ')}`);
  return event;
};

describe('CaenCamp API (an array of schema.org Events)', () => {
  const result = parseJsonLd(fixtureJson('json/caencamp-api.json'), options);

  it('reads a Place with a PostalAddress, offsets as instants, HTML descriptions as text', () => {
    const event = byTitle(result.events, 'CaenCamp #74');
    expect(event).toMatchObject({
      id: 'feed|caencamp-74|2026-11-25T17:30:00Z',
      uid: 'caencamp-74',
      start: '2026-11-25T17:30:00Z',
      end: '2026-11-25T20:00:00Z',
      allDay: false,
      timeZone: null,
      status: 'confirmed',
      online: false,
      location: 'Le Dôme, 3 esplanade Stéphane Hessel, 14000 Caen, Normandie, FR',
      url: 'https://www.caen.camp/rencontres/edition-74-web-components',
      description: "Retour d'expérience sur les Web Components.",
      image: 'https://www.caen.camp/images/editions/74.png',
    });
    expect(event.place).toEqual({
      name: 'Le Dôme', street: '3 esplanade Stéphane Hessel', postalCode: '14000', locality: 'Caen',
      region: 'Normandie', country: 'FR', lat: null, lon: null,
    });
  });

  it('reads a VirtualLocation as an online event with its link', () => {
    const event = byTitle(result.events, 'CaenCamp #75');
    expect(event).toMatchObject({ online: true, onlineUrl: 'https://meet.jit.si/caencamp-75', location: null, place: null });
  });

  it('keeps a cancelled event as cancelled, drops a javascript: url, reads a text address', () => {
    const event = byTitle(result.events, 'CaenCamp #76');
    expect(event).toMatchObject({ status: 'cancelled', url: null, end: null, location: 'Le Dôme, 3 esplanade Stéphane Hessel, 14000 Caen' });
  });

  it('skips the event with an unreadable date, with a warning, and keeps the rest', () => {
    expect(result.events).toHaveLength(3);
    expect(result.warnings).toEqual([expect.stringMatching(/CaenCamp #77.*unreadable start date "bientôt"/)]);
    expect(result.format).toBe('jsonld');
  });
});

describe('@graph pages', () => {
  const graph = fixtureJson('json/jsonld-graph.json');
  const result = parseJsonLd(graph, { ...options, baseUrl: 'https://devs-lyon.example/agenda' });

  it('ignores Organization and WebSite nodes and finds events with type arrays and full IRIs', () => {
    expect(result.events.map((e) => e.title)).toEqual(['Apéro dev de décembre', "Hack'n'Lyon 2026"]);
  });

  it('reads a floating startDate in the feed zone and says which zone', () => {
    const event = byTitle(result.events, 'Apéro');
    expect(event).toMatchObject({
      start: '2026-12-03T18:00:00Z',
      end: '2026-12-03T21:00:00Z',
      timeZone: 'Europe/Paris',
      status: 'tentative',
      uid: 'https://devs-lyon.example/events/apero-dev-decembre#event',
      url: 'https://devs-lyon.example/events/apero-dev-decembre',
      image: 'https://devs-lyon.example/img/apero.jpg',
    });
    expect(event.place).toMatchObject({ country: 'France', lat: 45.763, lon: 4.8357, locality: 'Lyon' });
  });

  it('floating times follow the feed zone, not the machine zone', () => {
    const ny = parseJsonLd(graph, { ...options, defaultTimeZone: 'America/New_York' });
    expect(byTitle(ny.events, 'Apéro')).toMatchObject({ start: '2026-12-04T00:00:00Z', timeZone: 'America/New_York' });
  });

  it('reads date-only events as all-day with an exclusive end, never shifted', () => {
    const event = byTitle(result.events, 'Hack');
    expect(event).toMatchObject({ start: '2026-12-12', end: '2026-12-14', allDay: true, timeZone: null, status: 'confirmed' });
  });

  it('reads mixed attendance with a VirtualLocation and a Place in one array', () => {
    const event = byTitle(result.events, 'Hack');
    expect(event).toMatchObject({ online: true, onlineUrl: 'https://hacknlyon.example/live', location: 'H7, 70 quai Perrache, 69002 Lyon' });
    expect(event.place).toMatchObject({ name: 'H7', lat: 45.7418, lon: 4.8186 });
    expect(event.categories).toEqual(['hackathon', 'open data']);
  });

  it('ignores blank-node ids ("_:b3"): the uid falls back to a stable hash', () => {
    const event = byTitle(result.events, 'Hack');
    expect(event.uid).toMatch(/^generated-/);
    expect(parseJsonLd(graph, options).events[1]!.uid).toBe(event.uid);
  });
});

describe('ItemList', () => {
  const result = parseJsonLd(fixtureJson('json/jsonld-itemlist.json'), options);

  it('reads ListItem.item and direct elements, and takes the list name as feed title', () => {
    expect(result.title).toBe('Upcoming meetups — Paris JS');
    expect(result.events.map((e) => e.title)).toEqual(['Paris JS #120', 'Paris JS #121', 'Paris JS summer picnic']);
  });

  it('computes the end from a duration', () => {
    expect(byTitle(result.events, 'Paris JS #120')).toMatchObject({ start: '2026-11-26T18:00:00Z', end: '2026-11-26T20:30:00Z' });
  });

  it('takes a PropertyValue identifier as uid, and a place named "Online" as online', () => {
    expect(byTitle(result.events, 'Paris JS #121')).toMatchObject({ uid: 'event_305123456@meetup.com', online: true, location: null });
  });
});

describe('single nodes', () => {
  const base = { '@type': 'Event', name: 'Meetup', startDate: '2026-12-01T18:00:00Z' };

  it.each([
    ['https://schema.org/EventCancelled', 'cancelled'],
    ['http://schema.org/EventCancelled', 'cancelled'],
    ['EventCancelled', 'cancelled'],
    ['schema:EventPostponed', 'tentative'],
    ['https://schema.org/EventRescheduled', 'confirmed'],
    ['https://schema.org/EventScheduled', 'confirmed'],
    [{ '@id': 'https://schema.org/EventCancelled' }, 'cancelled'],
    [undefined, 'confirmed'],
  ])('eventStatus %j → %s', (eventStatus, status) => {
    expect(readJsonLdEvent({ ...base, eventStatus }, options)).toMatchObject({ status });
  });

  it.each([
    ['https://schema.org/OnlineEventAttendanceMode', { '@type': 'Place', name: 'HQ' }, true],
    ['MixedEventAttendanceMode', { '@type': 'Place', name: 'HQ' }, true],
    ['https://schema.org/OfflineEventAttendanceMode', { '@type': 'Place', name: 'HQ' }, false],
    // Offline is many templates' default; a location that is only a link still means online.
    ['OfflineEventAttendanceMode', { '@type': 'VirtualLocation', url: 'https://meet.example/x' }, true],
    [undefined, { '@type': 'VirtualLocation', url: 'https://meet.example/x' }, true],
    [undefined, 'https://meet.example/x', true],
    [undefined, 'Salle 3, Mairie de Caen', false],
  ])('attendance %s with location %j → online %s', (eventAttendanceMode, location, online) => {
    expect(readJsonLdEvent({ ...base, eventAttendanceMode, location }, options)).toMatchObject({ online });
  });

  it('EventMovedOnline makes an event online', () => {
    expect(readJsonLdEvent({ ...base, eventStatus: 'https://schema.org/EventMovedOnline' }, options)).toMatchObject({ online: true, status: 'confirmed' });
  });

  it.each([
    ['SocialEvent', true], ['Hackathon', true], [['Thing', 'BusinessEvent'], true], ['https://schema.org/Event', true],
    ['schema:EducationEvent', true], ['Organization', false], ['EventSeries', false], [undefined, false],
  ])('@type %j is an event: %s', (type, expected) => {
    expect(isEventNode({ '@type': type })).toBe(expected);
  });

  it.each([
    ['https://example.org/a.png', 'https://example.org/a.png'],
    [{ '@type': 'ImageObject', url: 'https://example.org/b.png' }, 'https://example.org/b.png'],
    [[{ '@type': 'ImageObject', contentUrl: 'https://example.org/c.png' }, 'https://example.org/d.png'], 'https://example.org/c.png'],
    ['data:image/png;base64,AAAA', null],
  ])('image %j → %s', (image, expected) => {
    expect(readJsonLdEvent({ ...base, image }, options)).toMatchObject({ image: expected });
  });

  it.each([
    [{ identifier: 42 }, '42'],
    [{ identifier: ['abc', 'def'] }, 'abc'],
    [{ '@id': 'https://ex.org/e/1' }, 'https://ex.org/e/1'],
    [{ url: 'https://ex.org/e/2' }, 'https://ex.org/e/2'],
  ])('uid from %j', (extra, uid) => {
    expect(readJsonLdEvent({ ...base, ...extra }, options)).toMatchObject({ uid });
  });

  it('the uid fallback is stable across reads and differs between events', () => {
    const a = readJsonLdEvent(base, options) as MeetupEvent;
    const b = readJsonLdEvent(base, options) as MeetupEvent;
    const c = readJsonLdEvent({ ...base, startDate: '2026-12-02T18:00:00Z' }, options) as MeetupEvent;
    expect(a.id).toBe(b.id);
    expect(a.uid).toBe(b.uid);
    expect(c.uid).not.toBe(a.uid);
  });

  it('reads schema:-prefixed and full-IRI property names', () => {
    const event = readJsonLdEvent({ '@type': 'schema:Event', 'schema:name': 'Prefixed', 'https://schema.org/startDate': '2026-12-01T18:00:00Z' }, options);
    expect(event).toMatchObject({ title: 'Prefixed', start: '2026-12-01T18:00:00Z' });
  });

  it.each([
    ['2026-12-01T18:00:00.000Z', '2026-12-01T18:00:00Z'],
    ['2026-12-01T19:00:00+0100', '2026-12-01T18:00:00Z'],
    ['2026-12-01T13:00-05:00', '2026-12-01T18:00:00Z'],
  ])('startDate %s → %s', (startDate, start) => {
    expect(readJsonLdEvent({ ...base, startDate }, options)).toMatchObject({ start, timeZone: null });
  });

  it('a one-day all-day event whose endDate equals its startDate lasts one day', () => {
    expect(readJsonLdEvent({ ...base, startDate: '2026-12-05', endDate: '2026-12-05' }, options)).toMatchObject({ start: '2026-12-05', end: '2026-12-06', allDay: true });
  });

  it('an end before the start is dropped, not trusted', () => {
    expect(readJsonLdEvent({ ...base, endDate: '2026-12-01T17:00:00Z' }, options)).toMatchObject({ end: null });
  });

  it('reports a missing start date', () => {
    expect(readJsonLdEvent({ '@type': 'Event', name: 'x' }, options)).toBe('no start date');
  });
});

describe('readJsonLdLocation', () => {
  it('reads a bare PostalAddress and a Country object', () => {
    const info = readJsonLdLocation({ '@type': 'PostalAddress', streetAddress: '1 Main St', addressLocality: 'Portland', addressRegion: 'OR', addressCountry: { '@type': 'Country', name: 'US' } });
    expect(info.place).toMatchObject({ street: '1 Main St', locality: 'Portland', region: 'OR', country: 'US', name: null });
    expect(info.location).toBe('1 Main St, Portland, OR, US');
  });

  it('rejects out-of-range and null-island coordinates', () => {
    expect(readJsonLdLocation({ '@type': 'Place', name: 'X', geo: { latitude: 0, longitude: 0 } }).place?.lat).toBeNull();
    expect(readJsonLdLocation({ '@type': 'Place', name: 'X', geo: { latitude: 123, longitude: 4 } }).place?.lat).toBeNull();
  });
});

describe('scanJsonLd', () => {
  it('finds events under mainEntity and Organization.event, without visiting a node twice', () => {
    const event = { '@type': 'Event', name: 'A', startDate: '2026-12-01T18:00:00Z' };
    const scan = scanJsonLd([{ '@type': 'WebPage', mainEntity: event }, { '@type': 'Organization', event: [event] }]);
    expect(scan.events).toHaveLength(1);
    expect(scan.otherTypes).toEqual(['WebPage', 'Organization']);
  });
});

describe('splitAddress (one-line addresses)', () => {
  it.each([
    ['14 rue des Lilas, 35000 Rennes', { street: '14 rue des Lilas', postalCode: '35000', locality: 'Rennes', region: null, country: null }],
    ['Am Markt 1, 28195 Bremen, Deutschland', { street: 'Am Markt 1', postalCode: '28195', locality: 'Bremen', region: null, country: 'Deutschland' }],
    ['1 Main St, Suite 2, Portland, OR 97201, USA', { street: '1 Main St, Suite 2', postalCode: '97201', locality: 'Portland', region: 'OR', country: 'USA' }],
    ['Halles de Rennes', null],
    ['3 rue X, Caen', null],
  ])('%s', (address, expected) => {
    const place = emptyPlace();
    expect(splitAddress(address, place)).toBe(expected !== null);
    if (expected) expect(place).toMatchObject(expected);
  });
});
