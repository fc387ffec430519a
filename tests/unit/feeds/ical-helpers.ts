import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MeetupEvent, ParseOptions } from '../../../lib/events';

export const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/ical/${name}`, import.meta.url)), 'utf8');

export const ms = (iso: string): number => Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);

/** A wide pinned window over the fixtures' 2026–2027 dates. */
export const wide = (extra: Partial<ParseOptions> = {}): ParseOptions => ({
  feedId: 'feed',
  defaultTimeZone: 'Europe/Paris',
  now: ms('2026-06-01'),
  from: ms('2026-01-01'),
  to: ms('2027-12-31'),
  ...extra,
});

export const byUid = (events: MeetupEvent[], uid: string): MeetupEvent[] => events.filter((e) => e.uid === uid);

export const one = (events: MeetupEvent[], uid: string): MeetupEvent => {
  const found = byUid(events, uid);
  if (found.length !== 1) throw new Error(`expected one event ${uid}, got ${found.length}`);
  return found[0]!;
};

/** Minimal calendar around VEVENT lines (LF line endings: the reader must take both). */
export const calendar = (...lines: string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');

export const vevent = (...lines: string[]): string[] => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
