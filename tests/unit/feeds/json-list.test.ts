import { describe, expect, it } from 'vitest';
import type { MeetupEvent, ParseOptions } from '../../../lib/events';
import { findEventList, parseJsonList } from '../../../lib/feeds/json-list';
import { fixtureJson, NOW } from './json-fixtures';

const options: ParseOptions = { feedId: 'list', defaultTimeZone: 'Europe/Paris', now: NOW };

describe('findEventList', () => {
  const ev = { title: 'A', start: '2026-12-01T18:00:00Z' };
  it.each([
    [[ev], ''],
    [[], ''],
    [{ events: [ev] }, 'events'],
    [{ items: [ev] }, 'items'],
    [{ results: [ev], meta: {} }, 'results'],
    [{ data: { events: [ev] } }, 'data.events'],
    [{ data: { items: [] } }, 'data.items'],
    [{ events: [] }, 'events'],
    [{ data: [{ foo: 1 }], events: [ev] }, 'events'],
  ])('%j is found at "%s"', (data, path) => {
    expect(findEventList(data)?.path).toBe(path);
  });

  it.each([[{ foo: 1 }], [[1, 2, 3]], [[{ title: 'no date' }]], ['text'], [null], [{ data: { nested: { events: [ev] } } }]])('%j has no event list', (data) => {
    expect(findEventList(data)).toBeNull();
  });
});

describe('generic JSON lists', () => {
  const list = findEventList(fixtureJson('json/generic-nested.json'))!;
  const result = parseJsonList(list, options);
  const byTitle = (title: string) => result.events.find((e) => e.title === title) as MeetupEvent;

  it('finds the list one level down and skips the undated event with a warning', () => {
    expect(list.path).toBe('data.events');
    expect(result.events).toHaveLength(4);
    expect(result.warnings).toEqual(['Skipped event 5 ("No date at all"): no start date']);
  });

  it('reads "YYYY-MM-DD HH:MM" in the feed zone and a venue with a nested address', () => {
    const event = byTitle('Python Rennes — décembre');
    expect(event).toMatchObject({
      uid: 'evt-1001',
      start: '2026-12-02T18:00:00Z',
      end: '2026-12-02T20:30:00Z',
      timeZone: 'Europe/Paris',
      location: 'Cantine numérique, 40 rue Jean Jaurès, 35000 Rennes, France',
      url: 'https://python-rennes.example/evenements/1001',
      description: 'Lightning talks & pizza.',
      categories: ['python'],
    });
    expect(event.place).toMatchObject({ locality: 'Rennes', postalCode: '35000', lat: 48.1, lon: -1.67 });
  });

  it('tells unix seconds from milliseconds, reads a URL location as online and a status text', () => {
    expect(byTitle('Kotlin User Group')).toMatchObject({
      uid: '1002', start: '2026-12-08T17:00:00Z', end: '2026-12-08T20:00:00Z', timeZone: null,
      online: true, onlineUrl: 'https://zoom.us/j/123456789', location: null, status: 'cancelled',
    });
  });

  it('reads dates as all-day with the exclusive end the list gives', () => {
    expect(byTitle('DevOps Day')).toMatchObject({
      start: '2026-12-10', end: '2026-12-11', allDay: true, status: 'confirmed', location: 'Halles de Rennes', image: 'https://devops.example/banner.png',
    });
  });

  it("reads Google Calendar's {dateTime, timeZone} in the event's own zone", () => {
    expect(byTitle('Google-style event')).toMatchObject({
      start: '2026-12-05T15:00:00Z', end: '2026-12-05T17:00:00Z', timeZone: 'America/New_York', url: 'https://calendar.google.example/event?eid=1',
    });
  });

  const one = (item: Record<string, unknown>) => parseJsonList({ items: [item], path: '' }, options).events[0];

  it.each([
    [{ title: 'x', start: '2026-12-01T18:00:00Z', cancelled: true }, 'cancelled'],
    [{ title: 'x', start: '2026-12-01T18:00:00Z', status: 'canceled' }, 'cancelled'],
    [{ title: 'x', start: '2026-12-01T18:00:00Z', status: 'postponed' }, 'tentative'],
    [{ title: 'x', start: '2026-12-01T18:00:00Z', status: 'tentative' }, 'tentative'],
    [{ title: 'x', start: '2026-12-01T18:00:00Z', status: 'scheduled' }, 'confirmed'],
    [{ title: 'x', start: '2026-12-01T18:00:00Z' }, 'confirmed'],
  ])('status of %j is %s', (item, status) => {
    expect(one(item)?.status).toBe(status);
  });

  it('reads Eventbrite-style {utc, local, timezone} and The Events Calendar utc_start_date', () => {
    expect(one({ name: { text: 'EB' }, start: { timezone: 'Europe/London', local: '2026-12-01T18:00:00', utc: '2026-12-01T18:00:00Z' } }))
      .toMatchObject({ title: 'EB', start: '2026-12-01T18:00:00Z', timeZone: 'Europe/London' });
    expect(one({ title: { rendered: 'WP &#8211; meetup' }, start_date: '2026-12-01 19:00:00', utc_start_date: '2026-12-01 18:00:00', timezone: 'Europe/Paris' }))
      .toMatchObject({ title: 'WP – meetup', start: '2026-12-01T18:00:00Z', timeZone: 'Europe/Paris' });
  });

  it('an all_day flag keeps the dates of datetimes, never shifting them through a zone', () => {
    expect(one({ title: 'x', start: '2026-12-01T00:00:00', end: '2026-12-02T00:00:00', all_day: true })).toMatchObject({ start: '2026-12-01', end: '2026-12-02', allDay: true });
  });

  // The feed zone here is Europe/Paris (options), whatever the machine's zone.
  it.each<[string, Record<string, unknown>, string, string]>([
    ['midnight written as UTC keeps its date', { start: '2026-12-24T00:00:00Z', end: '2026-12-25T00:00:00Z', allDay: true, timezone: 'America/New_York' }, '2026-12-24', '2026-12-25'],
    ['local midnight saved with toISOString() is the next day in the feed zone', { start: '2026-12-23T23:00:00.000Z', end: '2026-12-24T23:00:00.000Z', allDay: true }, '2026-12-24', '2026-12-25'],
    ['… or in the zone the item names', { start: '2026-12-24T05:00:00.000Z', end: '2026-12-25T05:00:00.000Z', isAllDay: true, timezone: 'America/New_York' }, '2026-12-24', '2026-12-25'],
    ['The Events Calendar: local dates, an end at 23:59:59 is the last day, utc_* fields ignored', {
      start_date: '2026-12-24 00:00:00', end_date: '2026-12-26 23:59:59', utc_start_date: '2026-12-23 23:00:00', utc_end_date: '2026-12-26 22:59:59', all_day: true, timezone: 'Europe/Paris',
    }, '2026-12-24', '2026-12-27'],
    ['unix seconds of local midnight', { start: 1798066800, all_day: 1 }, '2026-12-24', '2026-12-25'],
    ['plain dates', { start: '2026-12-24', end: '2026-12-26', all_day: 'true' }, '2026-12-24', '2026-12-26'],
  ])('all-day flag: %s', (_label, fields, start, end) => {
    expect(one({ title: 'Holidays', ...fields })).toMatchObject({ start, end, allDay: true, timeZone: null });
  });

  // Lists that keep the day and the time of day in separate fields; the feed zone is Europe/Paris (UTC+1).
  it.each<[string, Record<string, unknown>, string, string | null]>([
    ['date + time', { date: '2026-12-01', time: '19:00' }, '2026-12-01T18:00:00Z', null],
    ['start_date + start_time + end_time', { start_date: '2026-12-01', start_time: '19:00', end_time: '21:30' }, '2026-12-01T18:00:00Z', '2026-12-01T20:30:00Z'],
    ['date + start_time with seconds', { date: '2026-12-01', start_time: '19:00:00' }, '2026-12-01T18:00:00Z', null],
    ['startDate + startTime, endDate + endTime', { startDate: '2026-12-01', startTime: '23:00', endDate: '2026-12-02', endTime: '01:00' }, '2026-12-01T22:00:00Z', '2026-12-02T00:00:00Z'],
  ])('separate time-of-day fields: %s', (_label, fields, start, end) => {
    expect(one({ title: 'x', ...fields })).toMatchObject({ start, end, allDay: false, timeZone: 'Europe/Paris' });
    expect(findEventList([{ title: 'x', ...fields }])).not.toBeNull();
  });

  it('an item timezone that is not a zone is ignored (feed zone used)', () => {
    expect(one({ title: 'x', start: '2026-12-01 19:00', timezone: 'Mars/Olympus' })).toMatchObject({ start: '2026-12-01T18:00:00Z', timeZone: 'Europe/Paris' });
  });

  it('top-level lat/lng and online flags', () => {
    expect(one({ title: 'x', start: '2026-12-01T18:00:00Z', location: 'Town hall', lat: '49.18', lng: '-0.37' })?.place).toMatchObject({ lat: 49.18, lon: -0.37 });
    expect(one({ title: 'x', start: '2026-12-01T18:00:00Z', is_online: true })).toMatchObject({ online: true });
  });
});
