import { describe, expect, it } from 'vitest';
import {
  dayKeyOf,
  dayLabel,
  daysBetween,
  eventDayKey,
  formatDistance,
  formatEventTime,
  formatRelativeTime,
  normalizeLocale,
} from '../../../lib/format';
import { eventEndInstant as eventEndMs } from '../../../lib/event-time';
import { makeEvent } from './helpers';

// Intl may use U+202F/U+00A0 around times and units; compare with plain spaces.
const plain = (text: string | null) => text?.replace(/[\u202f\u00a0\u2009]/g, ' ') ?? null;

describe('dayKeyOf', () => {
  it.each([
    ['2026-11-24T23:30:00Z', 'UTC', '2026-11-24'],
    ['2026-11-24T23:30:00Z', 'Europe/Paris', '2026-11-25'],
    ['2026-11-24T23:30:00Z', 'America/Los_Angeles', '2026-11-24'],
    ['2026-11-24T11:30:00Z', 'Pacific/Auckland', '2026-11-25'],
    // Paris spring-forward night: 00:30 UTC is 01:30 local, same day.
    ['2026-03-29T00:30:00Z', 'Europe/Paris', '2026-03-29'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(dayKeyOf(Date.parse(iso), zone)).toBe(expected);
  });

  it('is the date Intl gives, every 37 minutes of DST weeks (midnight changes too), odd offsets, before 1970', () => {
    // Havana, Santiago and Beirut change their clocks at midnight: the date itself moves with the offset.
    const zones = ['Europe/Paris', 'America/New_York', 'America/Havana', 'America/Santiago', 'Asia/Beirut', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Pacific/Kiritimati'];
    const starts = ['2026-03-06', '2026-03-27', '2026-04-03', '2026-09-04', '2026-10-23', '2026-10-30', '1969-12-30', '2026-12-30'].map((day) => `${day}T00:00:00Z`);
    for (const zone of zones) {
      const intl = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      for (const start of starts) {
        for (let ms = Date.parse(start); ms < Date.parse(start) + 4 * 86_400_000; ms += 37 * 60_000) {
          expect(dayKeyOf(ms, zone), `${new Date(ms).toISOString()} in ${zone}`).toBe(intl.format(ms));
        }
      }
    }
  });
});

describe('dayLabel', () => {
  it.each([
    ['2026-11-24', 'en', 'Today'],
    ['2026-11-25', 'en', 'Tomorrow'],
    ['2026-11-26', 'en', 'Thursday, November 26'],
    ['2026-11-24', 'fr', 'Aujourd’hui'],
    ['2026-11-25', 'fr', 'Demain'],
    ['2026-11-26', 'fr', 'Jeudi 26 novembre'],
    ['2027-01-05', 'en', 'Tuesday, January 5, 2027'],
    ['2027-01-05', 'fr', 'Mardi 5 janvier 2027'],
  ])('%s (%s) → %s', (day, locale, expected) => {
    expect(dayLabel(day, '2026-11-24', locale)).toBe(expected);
  });

  it('counts days across a DST change without drifting', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(dayLabel('2026-03-30', '2026-03-29', 'en')).toBe('Tomorrow');
  });
});

describe('eventDayKey', () => {
  it('lists a running multi-day event under today', () => {
    const event = makeEvent({ id: 'conf', allDay: true, start: '2026-11-22', end: '2026-11-26' });
    expect(eventDayKey(event, 'Europe/Paris', '2026-11-24')).toBe('2026-11-24');
  });
  it('never shifts an all-day date through a zone', () => {
    const event = makeEvent({ id: 'fest', allDay: true, start: '2026-11-28', end: '2026-11-29' });
    for (const zone of ['Pacific/Auckland', 'America/Los_Angeles', 'UTC']) {
      expect(eventDayKey(event, zone, '2026-11-24')).toBe('2026-11-28');
    }
  });
  it('all-day events end at midnight in the user zone', () => {
    const event = makeEvent({ id: 'fest', allDay: true, start: '2026-11-28', end: '2026-11-29' });
    expect(new Date(eventEndMs(event, 'Europe/Paris')).toISOString()).toBe('2026-11-28T23:00:00.000Z');
  });
});

describe('formatEventTime', () => {
  it.each([
    // [start, end, event zone, user zone, locale, local, there]
    ['2026-11-24T17:30:00Z', '2026-11-24T20:00:00Z', 'Europe/Paris', 'Europe/Paris', 'fr', '18:30 – 21:00', null],
    ['2026-11-24T17:30:00Z', '2026-11-24T20:00:00Z', 'Europe/Paris', 'Europe/Paris', 'en-US', '6:30 – 9:00 PM', null],
    // Same clock, different zone name: nothing more to say.
    ['2026-11-24T17:30:00Z', '2026-11-24T20:00:00Z', 'Europe/Brussels', 'Europe/Paris', 'fr', '18:30 – 21:00', null],
    // An event written in New York seen from Paris: both times.
    ['2026-11-24T23:00:00Z', '2026-11-25T01:00:00Z', 'America/New_York', 'Europe/Paris', 'fr', '00:00 – 02:00', '18:00 – 20:00 UTC−5'],
    ['2026-11-24T23:00:00Z', '2026-11-25T01:00:00Z', 'America/New_York', 'Europe/Paris', 'en-US', '12:00 – 2:00 AM', '6:00 – 8:00 PM EST'],
    // Overnight in the user's zone: times only, the day heading gives the date.
    ['2026-11-24T21:00:00Z', '2026-11-25T00:30:00Z', 'Europe/Paris', 'Europe/Paris', 'fr', '22:00 – 01:30', null],
    // DST: the last Sunday of October, Paris goes from +2 to +1; the event spans the change.
    ['2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z', 'Europe/Paris', 'Europe/Paris', 'fr', '02:00 – 03:00', null],
    // Spring forward in Auckland (last Sunday of September): 01:30 NZST → 03:30 NZDT is one hour.
    ['2026-09-26T13:30:00Z', '2026-09-26T14:30:00Z', 'Pacific/Auckland', 'Pacific/Auckland', 'en-NZ', '1:30 – 3:30 am', null],
    // No end.
    ['2026-11-24T17:30:00Z', null, null, 'Europe/Paris', 'fr', '18:30', null],
  ])('%s–%s (%s) seen from %s in %s', (start, end, eventZone, userZone, locale, local, there) => {
    const event = makeEvent({ id: 'x', start, end, timeZone: eventZone });
    const result = formatEventTime(event, userZone, locale);
    expect(result.allDay).toBe(false);
    expect(plain(result.local)).toBe(local);
    expect(plain(result.there)).toBe(there);
  });

  it.each([
    ['2026-11-24', '2026-11-25', 'en', ''],
    ['2026-11-24', null, 'fr', ''],
    ['2026-11-24', '2026-11-27', 'en', 'Nov 24 – 26'],
    ['2026-11-24', '2026-11-27', 'fr', '24–26 nov.'],
  ])('all-day %s → %s (%s)', (start, end, locale, expected) => {
    const event = makeEvent({ id: 'x', start, end, allDay: true, timeZone: 'America/New_York' });
    const result = formatEventTime(event, 'Pacific/Auckland', locale);
    expect({ ...result, local: plain(result.local) }).toEqual({ allDay: true, local: expected, there: null });
  });
});

describe('formatDistance', () => {
  it.each([
    [3.25, 'en', '3.3 km'],
    [3.25, 'fr', '3,3 km'],
    [42.4, 'en', '42 km'],
    [0, 'fr', '0 km'],
  ])('%s km in %s', (km, locale, expected) => {
    expect(plain(formatDistance(km, locale))).toBe(expected);
  });

  it.each(['en', 'fr', 'de'])('keeps the number and "km" on one line (%s)', (locale) => {
    expect(formatDistance(1.1, locale)).not.toMatch(/\d[ \t]km/);
  });
});

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  it.each([
    [now - 20_000, 'en', 'now'],
    [now - 5 * 60_000, 'en', '5 minutes ago'],
    [now - 5 * 60_000, 'fr', 'il y a 5 minutes'],
    [now - 3 * 3_600_000, 'en', '3 hours ago'],
    [now - 26 * 3_600_000, 'en', 'yesterday'],
    [now - 26 * 3_600_000, 'fr', 'hier'],
  ])('%s in %s', (then, locale, expected) => {
    expect(plain(formatRelativeTime(then, now, locale))).toBe(expected);
  });
});

describe('normalizeLocale', () => {
  it.each([
    ['fr', 'fr'],
    ['en_US', 'en-US'],
    ['', 'en'],
    [undefined, 'en'],
    ['not a locale!', 'en'],
  ])('%s → %s', (tag, expected) => {
    expect(normalizeLocale(tag)).toBe(expected);
  });
});
