import { describe, expect, it } from 'vitest';
import { FeedError } from '../../../lib/feeds/errors';
import { parseICal } from '../../../lib/feeds/ical';
import { calendar, fixture, vevent, wide } from './ical-helpers';

const good = vevent('UID:good@x', 'DTSTART:20261201T180000Z', 'SUMMARY:Still here');
const uids = (text: string) => parseICal(text, wide()).events.map((e) => e.uid);

describe('bodies that are no calendar at all', () => {
  it.each([
    ['', 'empty', 'The feed is empty.', undefined],
    ['  \r\n\t\n', 'empty', 'The feed is empty.', undefined],
    ['<!DOCTYPE html><html><head><title>Login</title></head><body>Please sign in</body></html>', 'notAFeed', 'Not an iCalendar feed: found an HTML page.', { kind: 'htmlPage' }],
    ['\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', 'notAFeed', 'Not an iCalendar feed: found binary data.', { kind: 'binary' }],
    ['{"events":[{"title":"JSON, not iCal"}]}', 'notAFeed', 'Not an iCalendar feed: found JSON.', { kind: 'json' }],
    ['<?xml version="1.0"?><rss><channel></channel></rss>', 'notAFeed', 'Not an iCalendar feed: found XML or HTML.', { kind: 'xml' }],
    ['404 Not Found\nThe requested URL was not found on this server.', 'notAFeed', 'Not an iCalendar feed: found text starting with "404 Not Found".', { kind: 'text', detail: '"404 Not Found"' }],
  ])('%j → %s', (body, code, message, found) => {
    let error: unknown;
    try {
      parseICal(body, wide());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).code).toBe(code);
    expect((error as FeedError).message).toBe(message);
    expect((error as FeedError).found).toEqual(found);
  });
});

describe('calendars with nothing usable', () => {
  it.each([
    ['BEGIN:VCALENDAR alone', 'BEGIN:VCALENDAR', ['The feed seems cut short (a component never ends).', 'The calendar has no events.']],
    ['an empty VCALENDAR', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', ['The calendar has no events.']],
    ['only a VTODO', calendar('BEGIN:VTODO', 'UID:t@x', 'SUMMARY:Buy milk', 'END:VTODO'), ['The calendar has no events.']],
  ])('%s gives no events and says why', (_label, body, warnings) => {
    const result = parseICal(body, wide());
    expect(result.events).toEqual([]);
    expect(result.warnings).toEqual(warnings);
  });
});

describe('one bad part never fails the feed', () => {
  it.each([
    ['a line without ":"', ['this line is broken'], 'Ignored 1 unreadable line.'],
    ['an unclosed quote in a parameter', ['DESCRIPTION;ALTREP="cid:part1.0001@example.org:Details'], 'Ignored 1 unreadable line.'],
    ['an empty parameter name', ['SUMMARY;=x:foo'], 'Ignored 1 unreadable line.'],
    // The event stays, as a one-off.
    ['an unreadable RRULE', ['RRULE:FREQ=WEEKLY;BYDAY=XX'], 'A repeating event was cut short: unreadable repeat rule.'],
  ])('%s inside an event', (_label, bad, warning) => {
    const text = calendar(...vevent('UID:bad@x', 'DTSTART:20261202T180000Z', 'SUMMARY:Has a bad line', ...bad), ...good);
    const result = parseICal(text, wide());
    expect(result.events.map((e) => e.uid)).toEqual(['good@x', 'bad@x']);
    expect(result.warnings).toEqual([warning]);
  });

  it.each([
    ['garbage', 'DTSTART:garbage'],
    ['31 February', 'DTSTART:20260231T180000Z'],
    ['29 February of a common year', 'DTSTART;VALUE=DATE:20270229'],
    ['month 13', 'DTSTART:20261301T180000Z'],
    ['minute 61', 'DTSTART;TZID=Europe/Paris:20261201T186100'],
    ['no value', 'DTSTART:'],
    ['a missing DTSTART', 'X-NOTHING:1'],
  ])('skips an event whose start is %s, with a warning', (_label, line) => {
    const result = parseICal(calendar(...vevent('UID:broken@x', line, 'SUMMARY:Broken one'), ...good), wide());
    expect(result.events.map((e) => e.uid)).toEqual(['good@x']);
    expect(result.warnings).toEqual(['Skipped 1 event without a readable start (e.g. "Broken one").']);
  });

  it.each([
    ['an event truncated mid-download', `${calendar(...good).replace(/END:VCALENDAR\r\n$/, '')}BEGIN:VEVENT\r\nUID:cut@x\r\nDTSTART:2026`],
    ['junk before and after the calendar', `<br><b>Notice</b>: Undefined index in feed.php\n${calendar(...good)}<!-- served in 0.2s -->\n`],
    ['VEVENTs without a VCALENDAR', [...good, ''].join('\r\n')],
    ['a stray END', calendar(...good, 'END:VTODO')],
    ['a wrong END inside an event', calendar('BEGIN:VEVENT', 'UID:good@x', 'DTSTART:20261201T180000Z', 'END:VTODO', 'END:VEVENT')],
  ])('reads %s', (_label, text) => {
    expect(uids(text)).toEqual(['good@x']);
  });

  // ical.js nests the events after a VEVENT without END:VEVENT inside it; they were silently lost.
  it.each([
    ['before two good events', [
      'BEGIN:VEVENT', 'UID:open@x', 'DTSTART:20261130T180000Z', 'SUMMARY:No END',
      ...vevent('UID:next@x', 'DTSTART:20261203T180000Z', 'SUMMARY:Next'), ...good,
    ], ['open@x', 'good@x', 'next@x']],
    ['twice in a row', [
      'BEGIN:VEVENT', 'UID:open1@x', 'DTSTART:20261130T180000Z', 'BEGIN:VEVENT', 'UID:open2@x', 'DTSTART:20261130T190000Z', ...good,
    ], ['open1@x', 'open2@x', 'good@x']],
    ['with a broken line in the feed too', [
      'BEGIN:VEVENT', 'UID:open@x', 'DTSTART:20261130T180000Z', 'this line is broken', ...good,
    ], ['open@x', 'good@x']],
  ])('reads the events after an event that never ends, %s', (_label, lines, expected) => {
    const result = parseICal(calendar(...lines), wide());
    expect(result.events.map((e) => e.uid)).toEqual(expected);
    expect(result.warnings.join(' ')).toMatch(/without END:VEVENT; the events after (it|them) were still read/);
  });

  it('says so when X-WR-TIMEZONE names no zone, and reads floating times in the default zone', () => {
    const result = parseICal(calendar('X-WR-TIMEZONE:Central Europe Time (custom)', ...vevent('UID:f@x', 'DTSTART:20261201T190000', 'SUMMARY:Floating')), wide());
    expect(result.events.map((e) => [e.start, e.timeZone])).toEqual([['2026-12-01T18:00:00Z', 'Europe/Paris']]);
    expect(result.warnings).toEqual(['Unknown X-WR-TIMEZONE "Central Europe Time (custom)": floating times read in Europe/Paris.']);
  });

  it('ignores a GEO, a DTEND or a DURATION it cannot read', () => {
    const text = calendar(...vevent('UID:odd@x', 'DTSTART:20261201T180000Z', 'DTEND:20261201T170000Z', 'GEO:north;south'),
      ...vevent('UID:odd2@x', 'DTSTART:20261202T180000Z', 'DURATION:P1X', 'GEO:95;200'));
    expect(parseICal(text, wide()).events.map((e) => [e.uid, e.end, e.place])).toEqual([
      ['odd@x', null, null],
      ['odd2@x', null, null],
    ]);
  });

  it('survives the real fixtures with every tenth line damaged', () => {
    for (const name of ['meetup.ics', 'outlook.ics', 'handwritten.ics']) {
      const damaged = fixture(name)
        .split(/\r?\n/)
        .map((line, i) => (i % 10 === 5 && !/^(BEGIN|END):/.test(line) ? line.replace(/[:;]/g, ' ') : line))
        .join('\r\n');
      expect(() => parseICal(damaged, wide())).not.toThrow();
      expect(parseICal(damaged, wide()).events.length).toBeGreaterThan(0);
    }
  });
});
