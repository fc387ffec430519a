/**
 * The same meetup from two feeds, read the way the worker reads them: each copy is a feed body in its
 * platform's shape, parsed by parseFeed and placed by the resolver with the real gazetteer, then compared.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MeetupEvent } from '../../../lib/events';
import { parseFeed } from '../../../lib/feeds/index';
import type { Gazetteer } from '../../../lib/location/gazetteer';
import { resolveFeedEvents } from '../../../lib/location/resolve';
import { eventStartInstant } from '../../../lib/event-time';
import { groupSameMeetups, isSameMeetup, mergeCopies, titlesAlike } from '../../../lib/upcoming/same-meetup';
import { CAEN, loadTestGazetteer } from '../location/load-gazetteer';

const NOW = Date.parse('2026-11-20T09:00:00Z');
const ZONE = 'Europe/Paris';

let gazetteer: Gazetteer;
beforeAll(async () => {
  gazetteer = await loadTestGazetteer();
}, 120_000);

const VTIMEZONE = `BEGIN:VTIMEZONE
TZID:Europe/Paris
X-LIC-LOCATION:Europe/Paris
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE`;

interface Copy {
  feedId: string;
  body: string;
}

/** A Meetup group feed: local times with a VTIMEZONE, "Venue (street, City, Country postcode)", GEO. */
function meetup(summary: string, local: string, location: string, geo: string | null, description = 'Caen.js\\nMardi à 19h\\n\\nOn parle ...'): Copy {
  const id = Math.abs([...summary + local].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7));
  return {
    feedId: 'meetup',
    body: `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Meetup//RemoteApi//EN
X-WR-CALNAME:Events - Caen.js
${VTIMEZONE}
BEGIN:VEVENT
DTSTAMP:20261120T093012Z
DTSTART;TZID=Europe/Paris:${local}
DTEND;TZID=Europe/Paris:${local.slice(0, 9)}213000
STATUS:CONFIRMED
SUMMARY:${summary}
DESCRIPTION:${description}
${geo ? `GEO:${geo}\n` : ''}LOCATION:${location}
URL:https://www.meetup.com/caen-js/events/${id}/
UID:event_${id}@meetup.com
END:VEVENT
END:VCALENDAR
`,
  };
}

/** A Luma calendar: UTC times, every event TENTATIVE, an address or a luma.com link as LOCATION. */
function luma(summary: string, utc: string, location: string, geo: string | null, description: string): Copy {
  return {
    feedId: 'luma',
    body: `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Luma//EN
BEGIN:VEVENT
UID:evt-${utc}@lu.ma
DTSTAMP:20261121T041233Z
SEQUENCE:1732163553
DTSTART:${utc}
DTEND:${utc.slice(0, 9)}200000Z
SUMMARY:${summary}
DESCRIPTION:${description}
LOCATION:${location}
${geo ? `GEO:${geo}\n` : ''}STATUS:TENTATIVE
URL:https://lu.ma/${utc}
END:VEVENT
END:VCALENDAR
`,
  };
}

/** A Gancio instance: UTC times, SUMMARY prefixed with the instance's name. */
function gancio(summary: string, utc: string, location: string): Copy {
  return {
    feedId: 'gancio',
    body: `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Gancio//EN
BEGIN:VEVENT
UID:${utc}@agenda.example.org
DTSTART:${utc}
SUMMARY:[Agenda Libre Caen] ${summary}
LOCATION:${location}
STATUS:CONFIRMED
END:VEVENT
END:VCALENDAR
`,
  };
}

/** A group site's schema.org JSON-LD (what an aggregator also republishes), with an offset in startDate. */
function jsonLd(feedId: string, name: string, startDate: string, location: object, description = ''): Copy {
  return {
    feedId,
    body: JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name,
      startDate,
      description,
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      eventStatus: 'https://schema.org/EventScheduled',
      location,
      url: `https://${feedId}.example.org/${encodeURIComponent(name)}`,
    }),
  };
}

const DOME = { '@type': 'Place', name: 'Le Dôme', address: { '@type': 'PostalAddress', streetAddress: '3 esplanade Stéphane Hessel', postalCode: '14000', addressLocality: 'Caen', addressCountry: 'FR' } };
const HEY = { '@type': 'Place', name: 'Hey! Coworking', address: { '@type': 'PostalAddress', streetAddress: '47 quai de Juillet', postalCode: '14000', addressLocality: 'Caen', addressCountry: 'FR' } };
const ONLINE_JSON = { '@type': 'VirtualLocation', url: 'https://meet.jit.si/caenjs-42' };

async function read(copy: Copy): Promise<MeetupEvent> {
  const parsed = parseFeed(copy.body, { feedId: copy.feedId, now: NOW, defaultTimeZone: ZONE });
  expect(parsed.events, copy.body).toHaveLength(1);
  const [event] = await resolveFeedEvents(parsed.events, { gazetteer, city: CAEN, home: null });
  return event!;
}

async function same(a: Copy, b: Copy): Promise<boolean> {
  const [x, y] = [await read(a), await read(b)];
  return isSameMeetup(x, eventStartInstant(x, ZONE), y, eventStartInstant(y, ZONE));
}

describe('the same meetup from two feeds', () => {
  it.each([
    [
      'Meetup vs Luma: a group prefix, UTC vs local time, address vs "Venue (address)"',
      meetup('Caen.js #42 : WebGPU en pratique', '20261203T190000', 'Le Dôme (3 esplanade Stéphane Hessel\\, Caen\\, France 14000)', '49.1866;-0.3608'),
      luma('WebGPU en pratique (Caen.js #42)', '20261203T180000Z', 'Le Dôme, 3 Esplanade Stéphane Hessel, 14000 Caen, France', '49.1867;-0.3607', 'Get up-to-date information at: https://lu.ma/x'),
    ],
    [
      'Meetup vs JSON-LD from the group site: five minutes apart, accents and case differ',
      meetup('Apéro Python Caen', '20261210T183000', 'Hey! Coworking (47 Quai de Juillet\\, Caen\\, France 14000)', '49.1790;-0.3540'),
      jsonLd('site', 'APERO PYTHON — Caen', '2026-12-10T18:35:00+01:00', HEY),
    ],
    [
      'a Gancio aggregator copy: "[instance]" prefix, venue name only',
      jsonLd('site', 'Install party Linux', '2026-12-12T14:00:00+01:00', DOME),
      gancio('Install Party Linux !', '20261212T130000Z', 'Dôme'),
    ],
    [
      "a city aggregator's JSON-LD copy without any place",
      meetup('Rust Caen : Ownership pour les débutants', '20261208T190000', 'Hey! Coworking (47 Quai de Juillet\\, Caen\\, France 14000)', '49.1790;-0.3540'),
      jsonLd('aggregator', 'Rust Caen - Ownership pour les débutants', '2026-12-08T19:00:00+01:00', { '@type': 'Place', name: '' }),
    ],
    [
      'both online only (a Jitsi room and a Luma link)',
      jsonLd('site', 'Caen.js #43 en ligne', '2026-12-17T19:00:00+01:00', ONLINE_JSON),
      luma('Caen.js #43 en ligne', '20261217T180000Z', 'https://lu.ma/join/g-abc123XYZ', null, 'Online'),
    ],
  ])('%s: one event', async (_, a, b) => {
    expect(await same(a, b)).toBe(true);
  });

  it.each([
    [
      'two talks the same evening at one venue',
      meetup('Rust Caen : Ownership pour les débutants', '20261208T190000', 'Hey! Coworking (47 Quai de Juillet\\, Caen\\, France 14000)', '49.1790;-0.3540'),
      jsonLd('site', 'Rust Caen : async et embarqué', '2026-12-08T19:00:00+01:00', HEY),
    ],
    [
      'two sessions of one weekly series, a week apart',
      meetup('Coding Dojo', '20261203T190000', 'Le Dôme (3 esplanade Stéphane Hessel\\, Caen\\, France 14000)', '49.1866;-0.3608'),
      luma('Coding Dojo', '20261210T180000Z', 'Le Dôme, 3 Esplanade Stéphane Hessel, 14000 Caen, France', '49.1867;-0.3607', ''),
    ],
    [
      'the same title at the same time in two towns',
      meetup('Apéro Python', '20261210T183000', 'Hey! Coworking (47 Quai de Juillet\\, Caen\\, France 14000)', '49.1790;-0.3540'),
      jsonLd('site', 'Apéro Python', '2026-12-10T18:30:00+01:00', { '@type': 'Place', name: 'La Cantine', address: { '@type': 'PostalAddress', streetAddress: '9 rue de Strasbourg', postalCode: '44000', addressLocality: 'Nantes', addressCountry: 'FR' } }),
    ],
    [
      'numbered editions that disagree (#41 vs #42)',
      meetup('Caen.js #41', '20261203T190000', 'Le Dôme (3 esplanade Stéphane Hessel\\, Caen\\, France 14000)', '49.1866;-0.3608'),
      jsonLd('site', 'Caen.js #42', '2026-12-03T19:00:00+01:00', DOME),
    ],
    [
      'half an hour apart',
      meetup('Apéro Python Caen', '20261210T183000', 'Hey! Coworking (47 Quai de Juillet\\, Caen\\, France 14000)', '49.1790;-0.3540'),
      jsonLd('site', 'Apéro Python Caen', '2026-12-10T19:00:00+01:00', HEY),
    ],
    [
      'one online only, the other in person',
      jsonLd('site', 'Caen.js #43', '2026-12-17T19:00:00+01:00', ONLINE_JSON),
      meetup('Caen.js #43', '20261217T190000', 'Le Dôme (3 esplanade Stéphane Hessel\\, Caen\\, France 14000)', '49.1866;-0.3608'),
    ],
  ])('%s: kept apart', async (_, a, b) => {
    expect(await same(a, b)).toBe(false);
  });

  it('never merges two events of one feed', async () => {
    const a = await read(meetup('Coding Dojo', '20261203T190000', 'Le Dôme', null));
    const b = { ...a, id: `${a.id}-2`, uid: `${a.uid}-2` };
    const start = eventStartInstant(a, ZONE);
    expect(isSameMeetup(a, start, b, start)).toBe(false);
  });
});

describe('titlesAlike', () => {
  it.each([
    ['[Gancio] Atelier Git', 'Atelier git', true],
    ['Meetup: Atelier Git', 'ATELIER GIT !', true],
    // The prefix's words would otherwise keep either title from holding the other.
    ['[Agenda Libre Caen] Install party', 'Install party Linux', true],
    ['Luma - Caen.js x Flutter', 'Flutter Caen js soirée', true],
    ['Café « Vie privée »', 'Cafe vie privee', true],
    ['Rust Caen : Ownership', 'Rust Caen : Lifetimes', false],
    ['Lightning talks #3', 'Lightning talks', true],
    ['Lightning talks #3', 'Lightning talks #4', false],
    ['[Agenda] ', 'Atelier', false],
  ])('"%s" / "%s" → %s', (a, b, alike) => {
    expect(titlesAlike(a, b)).toBe(alike);
  });
});

describe('merging the copies', () => {
  it('keeps the richer description, fills what the lead lacks and lists every source', async () => {
    const fromMeetup = await read(
      meetup('Caen.js #42 : WebGPU en pratique', '20261203T190000', 'Le Dôme (3 esplanade Stéphane Hessel\\, Caen\\, France 14000)', '49.1866;-0.3608', 'Caen.js\\nMardi à 19h\\n\\nOn parle ...'),
    );
    const fromAggregator = await read(
      jsonLd('aggregator', 'Caen.js #42 – WebGPU en pratique', '2026-12-03T19:00:00+01:00', { '@type': 'Place', name: '' }, 'WebGPU arrive dans tous les navigateurs : shaders, compute, et une démo en direct sur un portable de 2019.'),
    );
    const { event, sources } = mergeCopies([fromMeetup, fromAggregator]);
    expect(sources.map((source) => source.feedId)).toEqual(['aggregator', 'meetup']);
    expect(event.id).toBe(fromAggregator.id);
    expect(event.description).toBe(fromAggregator.description);
    expect(event.location).toBe(fromMeetup.location);
    expect(event.resolved?.city).toBe('Caen');
  });

  it('groups a meetup published three times and leaves its neighbours alone', async () => {
    const events = await Promise.all([
      read(meetup('Caen.js #42 : WebGPU en pratique', '20261203T190000', 'Le Dôme (3 esplanade Stéphane Hessel\\, Caen\\, France 14000)', '49.1866;-0.3608')),
      read(luma('WebGPU en pratique', '20261203T180000Z', 'Le Dôme, 3 Esplanade Stéphane Hessel, 14000 Caen, France', '49.1867;-0.3607', '')),
      read(gancio('Caen.js #42 : WebGPU en pratique', '20261203T180500Z', 'Dôme')),
      read(jsonLd('site', 'Atelier Git', '2026-12-03T19:00:00+01:00', DOME)),
    ]);
    const items = events.map((event) => ({ event, startMs: eventStartInstant(event, ZONE) })).sort((a, b) => a.startMs - b.startMs);
    const groups = groupSameMeetups(items).map((group) => group.map((item) => item.event.feedId).sort());
    expect(groups).toEqual(expect.arrayContaining([['gancio', 'luma', 'meetup'], ['site']]));
    expect(groups).toHaveLength(2);
  });
});
