/**
 * `npm run events` after its arguments are parsed: load the source, run the extension's own parseFeed, print.
 * Everything outside (files, network, clock, output) comes in through `CliIo`, so tests run it in-process.
 */
import { findOnlineMarkers } from '../../lib/location/online';
import type { FeedParseResult, MeetupEvent } from '../../lib/events';
import { decodeBody, DEFAULT_BODY_LIMIT, tooLarge } from '../../lib/feeds/body';
import { downloadFeed } from '../../lib/download';
import { FeedError } from '../../lib/feeds/errors';
import { parseFeed } from '../../lib/feeds/index';
import { addDaysToIsoDate, toUtcIso, utcMsToZonedTime } from '../../lib/time';
import { completeWindow, defaultWindow } from '../../lib/upcoming/window';
import type { EventsCliOptions } from './args';
import { applyCityFilterForCli, describeCity, UnknownCityError } from './city-filter';
import { withCity, type CliCity } from './city';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Bytes of a file; rejects with a Node-style error (`code: 'ENOENT'`…) when it cannot. */
  readFile(path: string, limitBytes: number): Promise<Uint8Array>;
  readStdin(limitBytes: number): Promise<Uint8Array>;
  fetch: typeof fetch;
  now(): number;
  timeoutMs?: number;
}

interface LoadedSource {
  body: string;
  contentType: string | null;
  baseUrl?: string;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

async function loadSource(source: string, io: CliIo): Promise<LoadedSource> {
  if (URL_LIKE.test(source)) {
    const feed = await downloadFeed(source, { fetch: io.fetch, timeoutMs: io.timeoutMs });
    return { body: feed.body, contentType: feed.contentType, baseUrl: feed.url };
  }
  let bytes: Uint8Array;
  try {
    bytes = source === '-' ? await io.readStdin(DEFAULT_BODY_LIMIT) : await io.readFile(source, DEFAULT_BODY_LIMIT);
  } catch (error) {
    if (error instanceof FeedError) throw error;
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new FeedError('notAFeed', `Cannot read ${source}: ${why}`);
  }
  if (bytes.byteLength > DEFAULT_BODY_LIMIT) throw tooLarge(DEFAULT_BODY_LIMIT);
  return { body: decodeBody(bytes), contentType: null };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

function dayLabel(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${isoDate}`;
}

function localParts(iso: string, tz: string): { date: string; time: string } {
  const wall = utcMsToZonedTime(Date.parse(iso), tz);
  return { date: `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`, time: `${pad(wall.hour)}:${pad(wall.minute)}` };
}

/** "Tue 2026-11-24 18:30–21:00", "Sat 2026-11-28 all day", "Fri 2026-11-27 → 2026-11-29". */
export function formatWhen(event: MeetupEvent, tz: string): string {
  if (event.allDay) {
    // All-day ends are exclusive: the last day is the one before.
    const last = event.end ? addDaysToIsoDate(event.end, -1) : null;
    return last && last > event.start ? `${dayLabel(event.start)} → ${last}` : `${dayLabel(event.start)} all day`;
  }
  const start = localParts(event.start, tz);
  if (!event.end) return `${dayLabel(start.date)} ${start.time}`;
  const end = localParts(event.end, tz);
  return end.date === start.date ? `${dayLabel(start.date)} ${start.time}–${end.time}` : `${dayLabel(start.date)} ${start.time} → ${end.date} ${end.time}`;
}

export function formatEventLine(event: MeetupEvent, tz: string): string {
  // "Online event" or a meeting link already says online: "+ online" is only for a place that is also streamed.
  const markers = findOnlineMarkers(event.location);
  const saysOnline = markers.online && markers.rest === '';
  const where = event.location ? (event.online && !saysOnline ? `${event.location} + online` : event.location) : event.online ? 'online' : null;
  const status = event.status === 'cancelled' ? ' [CANCELLED]' : event.status === 'tentative' ? ' [tentative]' : '';
  return `${formatWhen(event, tz).padEnd(27)}  ${event.title}${where ? ` · ${where}` : ''}${status}`;
}

function summary(result: FeedParseResult, options: EventsCliOptions, now: number): string {
  // The extension's window (lib/upcoming/window.ts) unless the user gave one.
  const { from, to } = completeWindow(options.from, options.to, now) ?? defaultWindow(now);
  const day = (ms: number) => localParts(toUtcIso(ms), options.tz).date;
  const count = `${result.events.length} event${result.events.length === 1 ? '' : 's'}`;
  const title = result.title ? ` in "${result.title}"` : '';
  // The window's end is exclusive: the last day shown is the one before it.
  return `${count}${title} (${result.format}) between ${day(from)} and ${day(to - 1)}, times in ${options.tz}`;
}

/** At most three short lines: what went wrong, never a stack. */
export function errorLines(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2);
  const prefix = error instanceof FeedError ? 'events: ' : 'events: unexpected error: ';
  return `${prefix}${lines.join('\n') || 'unknown error'}`;
}

const MAX_WARNINGS_SHOWN = 5;

/** Runs the command; resolves to the exit code (0 ok, 1 the feed could not be read). */
export async function runEvents(options: EventsCliOptions, io: CliIo): Promise<number> {
  const now = io.now();
  let city: CliCity | null = null;
  if (options.city) {
    try {
      ({ options, city } = await withCity(options, options.city, now));
    } catch (error) {
      if (!(error instanceof UnknownCityError)) throw error;
      io.stderr(`events: ${error.message}`);
      return 2;
    }
  }
  let result: FeedParseResult;
  try {
    const source = await loadSource(options.source, io);
    result = parseFeed(source.body, {
      feedId: 'cli',
      // --tz is an explicit choice (like the extension's per-feed zone); the --city or system zone is only the
      // default below the zone the feed declares (X-WR-TIMEZONE, a list's `timezone`).
      feedTimeZone: options.tzGiven ? options.tz : null,
      defaultTimeZone: options.tz,
      from: options.from ?? undefined,
      to: options.to ?? undefined,
      now,
      format: options.format,
      contentType: source.contentType,
      baseUrl: source.baseUrl,
    });
  } catch (error) {
    io.stderr(errorLines(error));
    return 1;
  }
  const events = city ? await applyCityFilterForCli(result.events, city.filter, city.gazetteer) : result.events;
  if (options.json) io.stdout(JSON.stringify(events, null, 2));
  else if (events.length) io.stdout(events.map((e) => formatEventLine(e, options.tz)).join('\n'));
  const notes = result.warnings.slice(0, MAX_WARNINGS_SHOWN).map((w) => `warning: ${w}`);
  if (result.warnings.length > MAX_WARNINGS_SHOWN) notes.push(`warning: … ${result.warnings.length - MAX_WARNINGS_SHOWN} more`);
  if (!options.json) notes.push(summary(result, options, now));
  if (city && !options.json) notes.push(`${events.length} near ${describeCity(city.filter.city)} (${city.filter.radiusKm} km${city.filter.includeOnline ? ', online included' : ''})`);
  if (notes.length) io.stderr(notes.join('\n'));
  return 0;
}
