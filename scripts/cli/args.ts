/**
 * Arguments of `npm run events`. Flags are a table read by scripts/cli/flags.ts: a new flag is one entry (name,
 * help, how it sets the options) plus a field in EventsCliOptions; checks that need several flags go in
 * `finishOptions`.
 */
import { parseDateValue } from '../../lib/feeds/date-values';
import type { FormatChoice } from '../../lib/feeds/detect';
import { addDaysToIsoDate, canonicalTimeZone, systemTimeZone, zonedTimeToUtcMs } from '../../lib/time';
import { completeWindow } from '../../lib/upcoming/window';
import { flagLines, parseRadiusKm, readFlags, UsageError, type FlagSpec } from './flags';

export { UsageError };

export interface EventsCliOptions {
  /** A file path, `-` for stdin, or an http(s)/webcal URL. */
  source: string;
  /** Window as instants (ms); null: the reader's default (now − 1 day … now + 180 days). */
  from: number | null;
  to: number | null;
  /**
   * Zone of the printed times, of --from/--to without offset, and of the feed's floating times: as the per-feed
   * zone setting when given with --tz (it wins over the feed's own X-WR-TIMEZONE/`timezone`), else as the
   * default below the feed's own zone (the --city zone, else the system zone).
   */
  tz: string;
  /** --tz was given: `tz` is an explicit choice, like the extension's per-feed zone setting. */
  tzGiven?: boolean;
  format: FormatChoice;
  json: boolean;
  /** --city: keep only events near this city; absent = every event. */
  city?: CityOption | null;
}

/** --city as typed; scripts/cli/city.ts looks it up (async) and may move `tz` to the city's zone. */
export interface CityOption {
  query: string;
  radiusKm: number | null;
  includeOnline: boolean;
  /** --tz was given: it wins over the city's zone for floating times. */
  tzGiven: boolean;
  /** --from/--to as typed, to read them again in the city's zone. */
  from: string | null;
  to: string | null;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'run'; options: EventsCliOptions };

/** Values as typed, before the checks that need several of them (a date needs the zone). */
interface RawArgs {
  source: string | null;
  from: string | null;
  to: string | null;
  tz: string | null;
  format: FormatChoice;
  json: boolean;
  help: boolean;
  city?: string | null;
  radius?: string | null;
  noOnline?: boolean;
}

const FORMATS: FormatChoice[] = ['auto', 'ical', 'json', 'html'];

export const EVENTS_FLAGS: FlagSpec<RawArgs>[] = [
  { name: '--from', value: 'ISO', help: 'first instant or day to show (default: now − 1 day)', set: (r, v) => void (r.from = v) },
  { name: '--to', value: 'ISO', help: 'last instant or day to show (default: 180 days after --from)', set: (r, v) => void (r.to = v) },
  {
    name: '--tz',
    value: 'IANA',
    help: "zone for printing and for floating times, over the feed's own zone like the extension's per-feed zone (default: the feed's own zone for floating times, else the --city zone, else the system zone)",
    set: (r, v) => void (r.tz = v),
  },
  {
    name: '--format',
    value: FORMATS.join('|'),
    help: 'force a reader (default: auto, decided from the content)',
    set: (r, v) => {
      if (!FORMATS.includes(v as FormatChoice)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${v}")`);
      r.format = v as FormatChoice;
    },
  },
  { name: '--json', help: 'print a JSON array of events instead of lines', set: (r) => void (r.json = true) },
  { name: '--city', value: 'NAME', help: 'keep events near this city ("Caen", "Caen, FR", "Paris, Texas"); its zone becomes the default for floating times', set: (r, v) => void (r.city = v) },
  { name: '--radius', value: 'KM', help: 'with --city: how far in-person events may be (default 25)', set: (r, v) => void (r.radius = v) },
  { name: '--no-online', help: 'with --city: leave out online events', set: (r) => void (r.noOnline = true) },
  { name: '--help', help: 'show this help', set: (r) => void (r.help = true) },
];

export function usage(): string {
  return [
    'Usage: npm run --silent events -- <file-or-URL> [options]',
    '',
    'Reads an iCal, jCal, JSON (schema.org JSON-LD, Gancio, CaenCamp, lists) or HTML feed with the',
    "extension's own pipeline and prints its events sorted by start. <file-or-URL> is a path, - for stdin,",
    'or an http(s):// or webcal:// address.',
    '',
    'Options:',
    ...flagLines(EVENTS_FLAGS),
  ].join('\n');
}

const DAY = 86_400_000;

/**
 * --from/--to: an instant with offset, a local time in `tz`, or a day (its start; for --to, the next midnight).
 * The window is [from, to): an event starting exactly at --to is outside, so --to 2026-12-10 ends with that day.
 */
export function parseWindowBound(value: string, tz: string, flag: '--from' | '--to'): number {
  const parsed = parseDateValue(value);
  if (!parsed) throw new UsageError(`${flag} needs an ISO date or date-time such as 2026-12-01 or 2026-12-01T18:00 (got "${value}")`);
  if (parsed.kind === 'instant') return parsed.ms;
  if (parsed.kind === 'floating') return zonedTimeToUtcMs(parsed.wall, tz);
  const day = flag === '--to' ? addDaysToIsoDate(parsed.date, 1) : parsed.date;
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  return zonedTimeToUtcMs({ year, month, day: dayOfMonth, hour: 0, minute: 0, second: 0 }, tz);
}

function finishOptions(raw: RawArgs, now: number): EventsCliOptions {
  if (!raw.source) throw new UsageError('Missing <file-or-URL>');
  const tz = raw.tz === null ? systemTimeZone() : canonicalTimeZone(raw.tz);
  if (!tz) throw new UsageError(`--tz: unknown time zone "${raw.tz}" (use an IANA name such as Europe/Paris)`);
  let from = raw.from === null ? null : parseWindowBound(raw.from, tz, '--from');
  let to = raw.to === null ? null : parseWindowBound(raw.to, tz, '--to');
  const window = completeWindow(from, to, now);
  if (window) ({ from, to } = window);
  if (from !== null && to !== null && to < from) throw new UsageError('--to is before --from');
  return { source: raw.source, from, to, tz, tzGiven: raw.tz !== null, format: raw.format, json: raw.json, city: cityOption(raw) };
}

function cityOption(raw: RawArgs): CityOption | null {
  if (!raw.city) {
    if (raw.radius != null || raw.noOnline) throw new UsageError('--radius and --no-online need --city');
    return null;
  }
  const radiusKm = raw.radius == null ? null : parseRadiusKm(raw.radius);
  return { query: raw.city, radiusKm, includeOnline: !raw.noOnline, tzGiven: raw.tz !== null, from: raw.from, to: raw.to };
}

/** Parses `argv` (without node and the script). Throws UsageError on mistakes. */
export function parseEventsArgs(argv: readonly string[], now: number = Date.now()): ParsedArgs {
  const raw: RawArgs = { source: null, from: null, to: null, tz: null, format: 'auto', json: false, help: false };
  readFlags(argv, raw, {
    flags: EVENTS_FLAGS,
    positional(r, arg) {
      if (r.source !== null) throw new UsageError(`One feed at a time (got "${r.source}" and "${arg}")`);
      r.source = arg;
    },
    unknown: (name) => `Unknown option ${name}`,
  });
  if (raw.help) return { kind: 'help' };
  return { kind: 'run', options: finishOptions(raw, now) };
}
