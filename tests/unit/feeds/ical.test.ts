import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { parseICal, parseJCal } from '../../../lib/feeds/ical';
import { systemTimeZone, toUtcIso, zonedTimeToUtcMs } from '../../../lib/time';
import { byUid, calendar, fixture, ms, one, vevent, wide } from './ical-helpers';

describe('Meetup feed (full VTIMEZONE with X-LIC-LOCATION)', () => {
  const result = parseICal(fixture('meetup.ics'), wide());

  it('reads the calendar name and every event, sorted by start', () => {
    expect(result.format).toBe('ical');
    expect(result.title).toBe('Events - Paris Rust Meetup');
    expect(result.warnings).toEqual([]);
    expect(result.events.map((e) => e.start)).toEqual([
      '2026-03-26T18:00:00Z',
      '2026-03-31T17:00:00Z',
      '2026-10-22T17:00:00Z',
      '2026-10-27T18:00:00Z',
      '2026-11-24T18:00:00Z',
    ]);
  });

  it.each([
    // Europe's DST weeks: 29 March and 25 October 2026.
    ['event_311111111@meetup.com', '2026-03-26T18:00:00Z', '2026-03-26T20:00:00Z', 'cancelled'],
    ['event_311111112@meetup.com', '2026-03-31T17:00:00Z', '2026-03-31T19:00:00Z', 'confirmed'],
    ['event_312000001@meetup.com', '2026-10-22T17:00:00Z', '2026-10-22T19:00:00Z', 'confirmed'],
    ['event_312000002@meetup.com', '2026-10-27T18:00:00Z', '2026-10-27T20:00:00Z', 'confirmed'],
    ['event_312345678@meetup.com', '2026-11-24T18:00:00Z', '2026-11-24T20:30:00Z', 'confirmed'],
  ])('%s: %s → %s, %s', (uid, start, end, status) => {
    const event = one(result.events, uid);
    expect(event).toMatchObject({ start, end, status, allDay: false, timeZone: 'Europe/Paris', feedId: 'feed' });
    expect(event.id).toBe(`feed|${uid}|${start}`);
  });

  it('keeps location, GEO, URL and a plain-text description (HTML never interpreted, folded lines joined)', () => {
    const event = one(result.events, 'event_312345678@meetup.com');
    expect(event.title).toBe('Rust Paris #42 - Async traits in practice');
    expect(event.location).toBe('Le Wagon (16 Villa Gaudelet, Paris, France 75011)');
    expect(event.place).toMatchObject({ lat: 48.8698, lon: 2.3785 });
    expect(event.url).toBe('https://www.meetup.com/paris-rust-meetup/events/312345678/');
    expect(event.online).toBe(false);
    expect(event.description).toContain('two talks about async traits & embedded Rust');
    expect(event.description).toContain('follow the live coding part and ...');
    expect(event.description).not.toContain('<b>');
  });

  it('reads the same with a BOM, LF line endings or a webcal-served body', () => {
    const text = fixture('meetup.ics');
    const reference = JSON.stringify(result.events);
    expect(JSON.stringify(parseICal(`\ufeff${text}`, wide()).events)).toBe(reference);
    expect(JSON.stringify(parseICal(text.replace(/\r\n/g, '\n'), wide()).events)).toBe(reference);
  });
});

describe('Luma feed (UTC, TENTATIVE, DTSTAMP/SEQUENCE change on every request)', () => {
  const result = parseICal(fixture('luma.ics'), wide());

  it('reads UTC times, tentative status, X-PUBLISHED-TTL', () => {
    expect(result.minRefreshMinutes).toBe(60);
    expect(result.events.map((e) => [e.start, e.end, e.status, e.timeZone])).toEqual([
      ['2026-12-03T17:30:00Z', '2026-12-03T20:00:00Z', 'tentative', null],
      ['2026-12-10T18:00:00Z', '2026-12-10T19:00:00Z', 'tentative', null],
    ]);
  });

  it('marks a URL location as online', () => {
    const online = one(result.events, 'evt-Zz9yX8wV7uT6@lu.ma');
    expect(online).toMatchObject({ online: true, onlineUrl: 'https://lu.ma/join/g-abc123XYZ', place: null });
    const inPerson = one(result.events, 'evt-Ab3dE5fG7hI9@lu.ma');
    expect(inPerson).toMatchObject({ online: false, onlineUrl: null, location: 'Station F, 5 Parvis Alan Turing, 75013 Paris, France' });
    expect(inPerson.place).toMatchObject({ lat: 48.834, lon: 2.37 });
  });

  it('keeps ids stable when DTSTAMP and SEQUENCE change', () => {
    const refreshed = fixture('luma.ics')
      .replace(/DTSTAMP:\d{8}T\d{6}Z/g, 'DTSTAMP:20261121T052001Z')
      .replace(/SEQUENCE:\d+/g, 'SEQUENCE:1732167601');
    expect(parseICal(refreshed, wide()).events.map((e) => e.id)).toEqual(result.events.map((e) => e.id));
  });
});

describe('Gancio feed ([instance] SUMMARY prefix)', () => {
  const result = parseICal(fixture('gancio.ics'), wide());

  it('strips the instance prefix shared by every event, keeps other brackets', () => {
    expect(result.events.map((e) => e.title)).toEqual(['Assemblea pubblica', 'Cena benefit [vegan]']);
  });

  it('reads categories, GEO and an HTML description as text', () => {
    const event = one(result.events, '123@gancio.cisti.org');
    expect(event.categories).toEqual(['assemblea', 'politica']);
    expect(event.place).toMatchObject({ lat: 45.0703, lon: 7.6869 });
    expect(event.description).toBe('Assemblea aperta a tutti.\n\nPorta un amico!');
    expect(event.status).toBe('confirmed');
  });

  it.each([
    ['the calendar name', ['X-WR-CALNAME:Gancio Cisti'], ['SUMMARY:[Gancio Cisti] Only one']],
  ])('strips a lone prefix when it matches %s', (_label, head, summary) => {
    const text = calendar(...head, ...vevent('UID:1@g', 'DTSTART:20261205T170000Z', ...summary));
    expect(parseICal(text, wide()).events[0]!.title).toBe('Only one');
  });

  it('keeps a bracketed title that is not a shared prefix', () => {
    const text = calendar(...vevent('UID:1@g', 'DTSTART:20261205T170000Z', 'SUMMARY:[WIP] Ideas night'));
    expect(parseICal(text, wide()).events[0]!.title).toBe('[WIP] Ideas night');
  });
});

describe('Mobilizon feed (no STATUS, TZID without VTIMEZONE)', () => {
  const [event] = parseICal(fixture('mobilizon.ics'), wide()).events;

  it('defaults to confirmed and converts Europe/Paris through the platform', () => {
    expect(event).toMatchObject({
      uid: '9b2d8e47-2f4c-4c1a-a0e8-6d1e2f3a4b5c',
      status: 'confirmed',
      start: '2026-12-12T13:00:00Z',
      end: '2026-12-12T17:00:00Z',
      timeZone: 'Europe/Paris',
      categories: ['libre', 'linux'],
      url: 'https://mobilizon.fr/events/9b2d8e47-2f4c-4c1a-a0e8-6d1e2f3a4b5c',
      location: "Maison des associations, 8 rue Neuve Bourg l'Abbé, 14000 Caen, France",
    });
    expect(event!.place).toMatchObject({ lat: 49.1829, lon: -0.3707 });
  });
});

describe('Outlook export (Windows zone names, no VTIMEZONE)', () => {
  const result = parseICal(fixture('outlook.ics'), wide());
  const suffix = (s: string) => `040000008200E00074C5B7101A82E00800000000${s}`;

  it.each([
    ['romance', '2026-11-26T17:00:00Z', 'Europe/Paris'],
    ['pacific', '2026-11-30T17:00:00Z', 'America/Los_Angeles'],
    ['eastern1', '2026-12-01T17:00:00Z', 'America/New_York'],
    ['quoted', '2026-12-02T09:00:00Z', 'Europe/Berlin'],
    ['display', '2026-12-03T17:00:00Z', 'Europe/Paris'],
    ['mozilla', '2026-12-04T17:00:00Z', 'Europe/Paris'],
    // "Customized Time Zone": only the feed's VTIMEZONE knows it (US rules, EST/EDT).
    ['custom-winter', '2026-12-07T15:00:00Z', null],
    ['custom-summer', '2026-07-07T14:00:00Z', null],
  ])('%s starts at %s in %s', (id, start, zone) => {
    expect(one(result.events, suffix(id))).toMatchObject({ start, timeZone: zone });
  });

  it('falls back to the feed zone for an unknown TZID, with one warning', () => {
    expect(one(result.events, suffix('unknown'))).toMatchObject({ start: '2026-12-08T09:00:00Z', timeZone: 'Europe/Paris' });
    expect(result.warnings).toEqual(['Unknown time zone "Mars Standard Time": times read in Europe/Paris.']);
  });

  it('takes the IANA zone of a custom VTIMEZONE from X-LIC-LOCATION', () => {
    const text = calendar(
      'BEGIN:VTIMEZONE', 'TZID:Paris time', 'X-LIC-LOCATION:Europe/Paris',
      'BEGIN:STANDARD', 'DTSTART:19701025T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD', 'END:VTIMEZONE',
      ...vevent('UID:lic@x', 'DTSTART;TZID=Paris time:20260701T190000'),
    );
    // Intl knows Europe/Paris, summer time included, even though this VTIMEZONE lists only winter rules.
    expect(parseICal(text, wide()).events[0]).toMatchObject({ start: '2026-07-01T17:00:00Z', timeZone: 'Europe/Paris' });
  });

  it('uses the per-feed zone for unknown TZIDs when given another one', () => {
    const events = parseICal(fixture('outlook.ics'), wide({ defaultTimeZone: 'Asia/Tokyo' })).events;
    expect(one(events, suffix('unknown')).start).toBe('2026-12-08T01:00:00Z');
  });
});

describe('hand-written feed', () => {
  const result = parseICal(fixture('handwritten.ics'), wide());

  it('reads calendar name and REFRESH-INTERVAL', () => {
    expect(result.title).toBe('Caen tech agenda');
    expect(result.minRefreshMinutes).toBe(360);
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['allday-multi@caen.example', '2026-12-11', '2026-12-13'],
    ['allday-single@caen.example', '2026-12-15', '2026-12-16'],
  ])('all-day %s is %s … %s (exclusive end), never shifted', (uid, start, end) => {
    expect(one(result.events, uid)).toMatchObject({ start, end, allDay: true, timeZone: null });
  });

  it.each([
    ['duration@caen.example', '2026-12-16T18:00:00Z', '2026-12-16T19:30:00Z'],
    // Neither DTEND nor DURATION: the end is unknown.
    ['noend@caen.example', '2026-12-17T18:00:00Z', null],
  ])('%s: %s → %s', (uid, start, end) => {
    expect(one(result.events, uid)).toMatchObject({ start, end, allDay: false });
  });

  it('keeps only http(s) URLs and reads IMAGE', () => {
    expect(one(result.events, 'noend@caen.example').url).toBeNull();
    expect(one(result.events, 'duration@caen.example').image).toBe('https://caen.example/img/lightning.png');
  });

  it('keeps an override without its master as a single event', () => {
    expect(one(result.events, 'orphan@caen.example')).toMatchObject({
      id: 'feed|orphan@caen.example|2026-12-01T18:00:00Z',
      start: '2026-12-02T18:00:00Z',
      title: 'Orphan occurrence',
    });
  });
});

describe('escapes, quoted parameters, folding, nested alarms', () => {
  const events = parseICal(fixture('tricky.ics'), wide()).events;

  it('unescapes text and joins folded lines, even inside an escape', () => {
    const event = one(events, 'tricky-1@example.org');
    expect(event).toMatchObject({
      title: 'Lowercase name, last one wins',
      start: '2026-12-01T18:00:00Z',
      end: '2026-12-01T20:00:00Z',
      timeZone: 'Europe/Paris',
      location: 'Salle 1, 2e étage',
      categories: ['a,b', 'c', 'd'],
      image: 'https://example.org/poster.png',
    });
    expect(event.description).toBe('Line one\nLine two\nLine three with a long text that is folded in the middle of a word and even in the middle of an escape , see?');
  });

  it('reads dates, date EXDATEs, PERIOD RDATEs and lowercase STATUS', () => {
    expect(byUid(events, 'tricky-2@example.org').map((e) => [e.start, e.end, e.status])).toEqual([
      ['2026-12-05', '2026-12-06', 'tentative'],
      ['2026-12-26', '2026-12-27', 'tentative'],
      ['2026-12-30', '2026-12-31', 'tentative'],
    ]);
    expect(one(events, 'tricky-3@example.org')).toMatchObject({ start: '2026-12-07', end: '2026-12-08', allDay: true });
    expect(one(events, 'tricky-4@example.org')).toMatchObject({ start: '2026-12-08T18:00:00Z', end: '2026-12-08T21:00:00Z', description: null });
  });
});

describe('floating times', () => {
  const text = calendar(...vevent('UID:f@x', 'DTSTART:20261209T183000', 'DTEND:20261209T203000', 'SUMMARY:Apéro'));
  const withCalendarZone = text.replace('PRODID:-//test//EN', 'PRODID:-//test//EN\r\nX-WR-TIMEZONE:Asia/Tokyo');

  // Order: the user's per-feed zone > the feed's X-WR-TIMEZONE > the default (the user's city's) zone > the system's.
  it.each([
    ['the default zone when the feed declares none', text, { defaultTimeZone: 'Europe/Paris' }, '2026-12-09T17:30:00Z', 'Europe/Paris'],
    ['the per-feed zone over the default zone', text, { feedTimeZone: 'America/New_York', defaultTimeZone: 'Europe/Paris' }, '2026-12-09T23:30:00Z', 'America/New_York'],
    ['the per-feed zone over X-WR-TIMEZONE', withCalendarZone, { feedTimeZone: 'America/Los_Angeles', defaultTimeZone: 'Europe/Paris' }, '2026-12-10T02:30:00Z', 'America/Los_Angeles'],
    ['X-WR-TIMEZONE over the default zone', withCalendarZone, { defaultTimeZone: 'Europe/Paris' }, '2026-12-09T09:30:00Z', 'Asia/Tokyo'],
    ['X-WR-TIMEZONE without any other zone', withCalendarZone, { defaultTimeZone: undefined }, '2026-12-09T09:30:00Z', 'Asia/Tokyo'],
    ['X-WR-TIMEZONE when the per-feed zone is no zone', withCalendarZone, { feedTimeZone: 'Mars/Olympus', defaultTimeZone: 'Europe/Paris' }, '2026-12-09T09:30:00Z', 'Asia/Tokyo'],
  ] as const)('use %s', (_label, body, zones, start, zone) => {
    const [event] = parseICal(body, wide(zones)).events;
    expect(event!.start).toBe(start);
    expect(event!.timeZone).toBe(zone);
  });

  it('use the system zone when nothing else is known', () => {
    const [event] = parseICal(text, wide({ defaultTimeZone: undefined })).events;
    const zone = systemTimeZone();
    const expected = zonedTimeToUtcMs({ year: 2026, month: 12, day: 9, hour: 18, minute: 30, second: 0 }, zone);
    expect(event).toMatchObject({ start: toUtcIso(expected), timeZone: zone });
  });

  it('a UTC time takes X-WR-TIMEZONE as its display zone', () => {
    const body = calendar('X-WR-TIMEZONE:Europe/Paris', ...vevent('UID:u@x', 'DTSTART:20261209T173000Z'));
    expect(parseICal(body, wide()).events[0]).toMatchObject({ start: '2026-12-09T17:30:00Z', timeZone: 'Europe/Paris', end: null });
  });
});

describe('expansion window', () => {
  const text = calendar(
    ...vevent('UID:past@x', 'DTSTART:20261119T120000Z', 'DTEND:20261119T130000Z'),
    ...vevent('UID:running@x', 'DTSTART:20261120T100000Z', 'DTEND:20261120T230000Z'),
    ...vevent('UID:soon@x', 'DTSTART:20261125T180000Z'),
    ...vevent('UID:in-five-months@x', 'DTSTART:20270501T180000Z'),
    ...vevent('UID:too-far@x', 'DTSTART:20270601T180000Z'),
    ...vevent('UID:yesterday-allday@x', 'DTSTART;VALUE=DATE:20261120'),
  );

  it('defaults to now − 1 day … now + 180 days, keeping events that overlap it', () => {
    const events = parseICal(text, { feedId: 'f', defaultTimeZone: 'UTC', now: ms('2026-11-21T12:00:00Z') }).events;
    expect(events.map((e) => e.uid)).toEqual(['yesterday-allday@x', 'running@x', 'soon@x', 'in-five-months@x']);
  });
});

describe('missing UID', () => {
  const text = calendar(...vevent('DTSTART:20261209T180000Z', 'SUMMARY:No uid here'), ...vevent('DTSTART:20261210T180000Z', 'SUMMARY:Nor here'));

  it('derives a stable id from title and start, and warns once', () => {
    const first = parseICal(text, wide());
    const second = parseICal(text.replace('PRODID', 'X-NOTHING:1\r\nPRODID'), wide());
    expect(first.events).toHaveLength(2);
    expect(first.events.map((e) => e.id)).toEqual(second.events.map((e) => e.id));
    expect(new Set(first.events.map((e) => e.uid)).size).toBe(2);
    expect(first.warnings).toEqual(['2 events have no UID: ids derived from title and start.']);
  });
});

describe('jCal', () => {
  it.each(['meetup.ics', 'luma.ics', 'gancio.ics', 'mobilizon.ics', 'outlook.ics', 'handwritten.ics', 'tricky.ics'])(
    '%s read as jCal gives the same events as iCal',
    (name) => {
      const text = fixture(name);
      const ical = parseICal(text, wide());
      const jcal = parseJCal(JSON.parse(JSON.stringify(ICAL.parse(text))), wide());
      expect(jcal.format).toBe('jcal');
      expect(jcal.events).toEqual(ical.events);
      expect(jcal.title).toBe(ical.title);
      expect(jcal.minRefreshMinutes).toBe(ical.minRefreshMinutes);
    },
  );

  it('reads a hand-written jCal document', () => {
    const data = [
      'vcalendar',
      [['prodid', {}, 'text', '-//jcal//EN'], ['x-wr-calname', {}, 'unknown', 'jCal meetups']],
      [
        ['vevent', [
          ['uid', {}, 'text', 'j1@example.org'],
          ['dtstart', { tzid: 'Europe/Paris' }, 'date-time', '2026-12-01T19:00:00'],
          ['duration', {}, 'duration', 'PT2H'],
          ['summary', {}, 'text', 'JS meetup'],
          ['geo', {}, 'float', [49.18, -0.37]],
          ['rrule', {}, 'recur', { freq: 'WEEKLY', count: 3 }],
        ], []],
        ['vevent', [
          ['uid', {}, 'text', 'j2@example.org'],
          ['dtstart', {}, 'date', '2026-12-24'],
          ['summary', {}, 'text', 'Christmas Eve'],
        ], []],
      ],
    ];
    const result = parseJCal(data, wide());
    expect(result.title).toBe('jCal meetups');
    expect(result.events.map((e) => [e.uid, e.start, e.end])).toEqual([
      ['j1@example.org', '2026-12-01T18:00:00Z', '2026-12-01T20:00:00Z'],
      ['j1@example.org', '2026-12-08T18:00:00Z', '2026-12-08T20:00:00Z'],
      ['j1@example.org', '2026-12-15T18:00:00Z', '2026-12-15T20:00:00Z'],
      ['j2@example.org', '2026-12-24', '2026-12-25'],
    ]);
    expect(byUid(result.events, 'j1@example.org')[0]!.place).toMatchObject({ lat: 49.18, lon: -0.37 });
  });

  it.each([
    [{ events: [] }, 'a JSON object'],
    [['vevent', [], []], 'an array that is not jCal'],
    [null, 'null'],
    ['BEGIN:VCALENDAR', 'a JSON string'],
  ])('refuses %j with a short message', (data, found) => {
    expect(() => parseJCal(data, wide())).toThrow(`Not a jCal feed: expected ["vcalendar", …], found ${found}.`);
  });

  it('skips malformed jCal members instead of failing', () => {
    const data = ['vcalendar', [null, ['x-wr-calname']], [
      'junk',
      ['vevent', [['uid', {}, 'text', 'ok@x'], ['dtstart', {}, 'date-time', '2026-12-01T10:00:00Z'], 42, ['summary']], []],
      ['vevent', [['uid', {}, 'text', 'bad@x'], ['dtstart', {}, 'date-time', { not: 'a date' }]], []],
    ]];
    const result = parseJCal(data, wide());
    expect(result.events.map((e) => e.uid)).toEqual(['ok@x']);
    expect(result.warnings).toEqual(['Skipped 1 event without a readable start.']);
  });
});
