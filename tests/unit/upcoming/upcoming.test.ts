import { describe, expect, it } from 'vitest';
import type { MeetupEvent } from '../../../lib/events';
import { systemTimeZone } from '../../../lib/time';
import {
  completeWindow,
  defaultWindow,
  isEventOver,
  isNews,
  isThisWeek,
  oncePerMeetup,
  readingZone,
  sourceIds,
  upcomingEvents,
} from '../../../lib/upcoming';
import { makeEvent } from '../ui/helpers';

const DAY = 86_400_000;
const ZONE = 'Europe/Paris';
/** Tuesday 24 November 2026, 10:00 in Paris. */
const NOW = Date.parse('2026-11-24T09:00:00Z');

const at = (iso: string, extra: Partial<MeetupEvent> = {}) =>
  makeEvent({ id: `${extra.feedId ?? 'a'}|${iso}|${extra.title ?? ''}`, feedId: 'a', start: iso, end: null, ...extra });

describe('the window', () => {
  it('is a day back and 180 days ahead', () => {
    expect(defaultWindow(NOW)).toEqual({ from: NOW - DAY, to: NOW + 180 * DAY });
  });

  it.each([
    ['nothing given: the default', null, null, null],
    ['a start alone runs 180 days', NOW + 10 * DAY, null, { from: NOW + 10 * DAY, to: NOW + 190 * DAY }],
    ['an end alone starts a day ago', null, NOW + 3 * DAY, { from: NOW - DAY, to: NOW + 3 * DAY }],
    ['an end in the past starts there', null, NOW - 5 * DAY, { from: NOW - 5 * DAY, to: NOW - 5 * DAY }],
  ])('%s', (_, from, to, expected) => {
    expect(completeWindow(from, to, NOW)).toEqual(expected);
  });
});

describe('the zone a day is read in', () => {
  it("is the browser's own zone, whatever the city", () => {
    expect(readingZone()).toBe(systemTimeZone());
  });
});

describe('over', () => {
  it.each([
    ['ended a minute ago', at('2026-11-24T07:00:00Z', { end: '2026-11-24T08:59:00Z' }), true],
    ['ends in a minute', at('2026-11-24T07:00:00Z', { end: '2026-11-24T09:01:00Z' }), false],
    ['no end, started an hour ago', at('2026-11-24T08:00:00Z'), false],
    ['no end, started three hours ago', at('2026-11-24T06:00:00Z'), true],
    ['all day today', at('2026-11-24', { allDay: true, end: '2026-11-25' }), false],
    ['all day yesterday', at('2026-11-23', { allDay: true, end: '2026-11-24' }), true],
  ])('%s', (_, event, over) => {
    expect(isEventOver(event, ZONE, NOW)).toBe(over);
  });
});

describe('this week: today and the six calendar days after it', () => {
  it.each([
    ['tonight', at('2026-11-24T19:00:00Z'), true],
    ['Monday 30th at 20:00 in Paris (day 6)', at('2026-11-30T19:00:00Z'), true],
    // 166 hours away, under 168, yet on the seventh day: next week, as the popup's "Next 7 days" says.
    ['Tuesday 1st at 08:00 in Paris (day 7)', at('2026-12-01T07:00:00Z'), false],
    ['a conference that started yesterday and runs on', at('2026-11-23', { allDay: true, end: '2026-11-26' }), true],
    ['all day on Monday 30th', at('2026-11-30', { allDay: true, end: '2026-12-01' }), true],
    // 23:30 UTC on the 30th is already Tuesday 1st in Paris.
    ['late on the 30th in UTC, the 1st in Paris', at('2026-11-30T23:30:00Z'), false],
  ])('%s', (_, event, expected) => {
    expect(isThisWeek(event, ZONE, NOW)).toBe(expected);
  });
});

describe('upcomingEvents', () => {
  const copyA = at('2026-11-26T18:00:00Z', { feedId: 'a', title: 'Caen.js #42 : WebGPU', location: 'Le Dôme, Caen', description: 'short' });
  const copyB = at('2026-11-26T18:05:00Z', { feedId: 'b', title: 'WebGPU (Caen.js #42)', location: 'Le Dôme (Caen)', description: 'a much longer description of the talk' });
  const other = at('2026-11-26T18:00:00Z', { feedId: 'b', title: 'Atelier Git', location: 'Le Dôme, Caen' });
  const past = at('2026-11-20T18:00:00Z', { feedId: 'a', end: '2026-11-20T20:00:00Z' });
  const disabled = at('2026-11-27T18:00:00Z', { feedId: 'c' });
  const data: Record<string, MeetupEvent[]> = { a: [copyA, past], b: [copyB, other], c: [disabled] };
  const feeds = [
    { id: 'a', enabled: true },
    { id: 'b', enabled: true },
    { id: 'c', enabled: false },
  ];
  const list = upcomingEvents(feeds, (id) => data[id], ZONE, NOW);

  it('lists the same meetup once, with the richer copy first, and drops past events and disabled feeds', () => {
    expect(list.map((item) => item.event.title)).toEqual(['Atelier Git', 'WebGPU (Caen.js #42)']);
    expect(sourceIds(list[1]!)).toEqual([copyB.id, copyA.id]);
  });

  it('a meetup seen from one feed is not news from another; a cancelled one never is', () => {
    expect(isNews(list[1]!, new Set([copyA.id]))).toBe(false);
    expect(isNews(list[1]!, new Set())).toBe(true);
    expect(isNews({ ...list[0]!, event: { ...other, status: 'cancelled' } }, new Set())).toBe(false);
  });
});

describe('oncePerMeetup', () => {
  const fromA = at('2026-11-26T18:00:00Z', { feedId: 'a', title: 'Apéro Python', location: 'Hey! Coworking, Caen' });
  const fromB = at('2026-11-26T18:00:00Z', { feedId: 'b', title: 'Apero Python', location: 'Hey! Coworking' });
  const unrelated = at('2026-11-26T18:00:00Z', { feedId: 'b', title: 'Atelier Git', location: 'Hey! Coworking' });

  it.each([
    ['two feeds announce it in one run: once', [fromA, fromB], [fromA, fromB], [fromA.id]],
    ['already known from another feed: not news', [fromB], [fromA, fromB], []],
    ['different meetups stay two', [fromA, unrelated], [fromA, unrelated], [fromA.id, unrelated.id]],
    ['nothing new', [], [fromA], []],
  ])('%s', (_, candidates, stored, expected) => {
    expect(oncePerMeetup(candidates, stored, ZONE).map((event) => event.id)).toEqual(expected);
  });

  it('keeps the candidates in their order', () => {
    const later = at('2026-11-27T18:00:00Z', { feedId: 'a', title: 'Later' });
    expect(oncePerMeetup([later, fromA], [later, fromA], ZONE).map((event) => event.id)).toEqual([later.id, fromA.id]);
  });
});

