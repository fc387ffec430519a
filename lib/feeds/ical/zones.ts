/**
 * TZID → zone rules for the iCal reader, and FeedZones, which applies them to one feed's times.
 *
 * ical.js knows no zone by itself and silently turns an unknown TZID into floating time, so we resolve every
 * TZID ourselves: IANA names through the platform (Intl, lib/time.ts), Windows names through CLDR's table, and
 * only custom names ("Customized Time Zone") through the feed's own VTIMEZONE rules.
 */
import ICAL from 'ical.js';
import { addDaysToWall, canonicalTimeZone, prepareZoneSpan, zonedTimeToUtcMs, zoneOffsetMs, type WallTime } from '../../time';
import { addDuration, type Duration } from '../duration';
import { str, type JComponent, type JProp } from './jcal';
import { wallKey, type When } from './values';
import { WINDOWS_DISPLAY_NAMES, WINDOWS_ZONES } from './windows-zones';

export type ZoneRule =
  | { kind: 'iana'; zone: string }
  | { kind: 'vtimezone'; timezone: InstanceType<typeof ICAL.Timezone> };

/** Built on the first Windows TZID: most feeds name IANA zones, and a waking worker should not pay for them. */
let windowsTables: WindowsTables | null = null;

interface WindowsTables {
  byLowerName: Map<string, string>;
  byDisplayCities: Map<string, string>;
}

function windowsZones(): WindowsTables {
  windowsTables ??= {
    byLowerName: new Map(Object.entries(WINDOWS_ZONES).map(([k, v]) => [k.toLowerCase(), v])),
    byDisplayCities: new Map(Object.entries(WINDOWS_DISPLAY_NAMES).map(([k, v]) => [displayCities(k), v])),
  };
  return windowsTables;
}

let zonesByCity: Map<string, string> | null = null;

/** "(UTC+01:00) Brussels, Copenhagen" and "(GMT+01:00) Brussels, Copenhagen" are the same Windows zone. */
function displayCities(display: string): string {
  return display.replace(/^\((?:UTC|GMT)[^)]*\)\s*/i, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

function zoneForCity(city: string): string | null {
  if (!zonesByCity) {
    zonesByCity = new Map();
    const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    for (const zone of all) {
      const last = zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ').toLowerCase();
      if (!zonesByCity.has(last)) zonesByCity.set(last, zone);
    }
  }
  return zonesByCity.get(city.trim().toLowerCase()) ?? null;
}

/**
 * The IANA zone a TZID names, or null. Tolerates quotes, vendor prefixes (`/mozilla.org/20050126_1/Europe/Paris`),
 * Windows ids (`Romance Standard Time`, also with a numeric suffix like `Eastern Standard Time 1`) and Windows
 * display names (`(UTC+01:00) Brussels, Copenhagen, Madrid, Paris`).
 */
export function ianaZoneForTzid(tzid: string | null | undefined): string | null {
  if (!tzid) return null;
  const name = tzid.trim().replace(/^["']+|["']+$/g, '').trim();
  if (!name) return null;
  const direct = canonicalTimeZone(name);
  if (direct) return direct;

  if (name.startsWith('/')) {
    const segments = name.split('/').filter(Boolean);
    // "/Europe/London" as well as vendor prefixes ("/mozilla.org/20050126_1/Europe/Paris").
    for (let i = 0; i < segments.length; i++) {
      const zone = canonicalTimeZone(segments.slice(i).join('/'));
      if (zone && zone.includes('/')) return zone;
    }
  }

  const lower = name.toLowerCase().replace(/\s+/g, ' ');
  const { byLowerName, byDisplayCities } = windowsZones();
  const windows = byLowerName.get(lower) ?? byLowerName.get(lower.replace(/ \d+$/, ''));
  if (windows) return canonicalTimeZone(windows);

  if (/^\((?:UTC|GMT)/i.test(name)) {
    const cities = displayCities(name);
    const byDisplay = byDisplayCities.get(cities);
    if (byDisplay) return canonicalTimeZone(byDisplay);
    for (const city of cities.split(/[,:]/)) {
      const zone = zoneForCity(city);
      if (zone) return canonicalTimeZone(zone);
    }
  }
  return null;
}

const vtimezoneCache = new Map<string, ZoneRule | null>();

/** Zone rules from a VTIMEZONE component (jCal), when it carries any STANDARD/DAYLIGHT rules. */
export function vtimezoneRule(component: unknown[]): ZoneRule | null {
  const subs = component[2];
  if (!Array.isArray(subs) || !subs.some((s) => Array.isArray(s) && (s[0] === 'standard' || s[0] === 'daylight'))) {
    return null;
  }
  // ical.js expands a zone from its first onset, and Outlook writes 1601: parsing the same feed again must not
  // pay that again, so rules are cached by content.
  const key = JSON.stringify(component);
  const cached = vtimezoneCache.get(key);
  if (cached !== undefined) return cached;
  const rule = buildVtimezoneRule(component);
  if (vtimezoneCache.size > 100) vtimezoneCache.clear();
  vtimezoneCache.set(key, rule);
  return rule;
}

/**
 * Yearly observances starting before 1970 are moved to 1970: ical.js would otherwise walk every year since 1601.
 * The RRULE still places each later transition; only pre-1970 history (never asked for here) is lost.
 */
function recentObservances(component: unknown[]): unknown[] {
  const copy = JSON.parse(JSON.stringify(component)) as unknown[];
  for (const sub of copy[2] as unknown[][]) {
    if (!Array.isArray(sub) || !Array.isArray(sub[1])) continue;
    const props = sub[1] as unknown[][];
    if (!props.some((p) => Array.isArray(p) && p[0] === 'rrule' && !JSON.stringify(p).toLowerCase().includes('until'))) continue;
    for (const prop of props) {
      if (Array.isArray(prop) && prop[0] === 'dtstart' && typeof prop[3] === 'string' && /^\d{4}/.test(prop[3]) && Number(prop[3].slice(0, 4)) < 1970) {
        prop[3] = `1970${prop[3].slice(4)}`;
      }
    }
  }
  return copy;
}

function buildVtimezoneRule(component: unknown[]): ZoneRule | null {
  try {
    const timezone = new ICAL.Timezone(new ICAL.Component(recentObservances(component) as never));
    // Probe once: a VTIMEZONE with unreadable rules fails here rather than on every event.
    timezone.utcOffset(new ICAL.Time({ year: 2026, month: 1, day: 1, hour: 12, minute: 0, second: 0, isDate: false }, timezone));
    return { kind: 'vtimezone', timezone };
  } catch {
    return null;
  }
}

export function wallToUtcMs(wall: WallTime, rule: ZoneRule): number {
  if (rule.kind === 'iana') return zonedTimeToUtcMs(wall, rule.zone);
  const time = new ICAL.Time({ ...wall, isDate: false }, rule.timezone);
  return time.toUnixTime() * 1000;
}

// ---------------------------------------------------------------------------------------------------------------
// One feed's zones: every TZID resolved once, and the instants, nominal days and labels of its times

export interface ResolvedZone {
  rule: ZoneRule;
  /** IANA name for MeetupEvent.timeZone, or null for custom rules. */
  label: string | null;
}

const SPAN_MARGIN_MS = 3 * 86_400_000;

export class FeedZones {
  readonly floating: ResolvedZone;
  readonly utcLabel: string | null;
  private readonly cache = new Map<string, ResolvedZone>();
  private readonly unknown = new Set<string>();
  /** The zone whose offsets over the window were asked for last (prepare). */
  private prepared: ResolvedZone | null = null;
  private readonly spanFrom: number;
  private readonly spanTo: number;

  /**
   * `floating`: the zone floating times and unknown TZIDs are read in; `calendarZone`: X-WR-TIMEZONE; `window`: the
   * instants the feed is read for.
   */
  constructor(
    private readonly vtimezones: Map<string, JComponent>,
    floating: string,
    calendarZone: string | null,
    private readonly warnings: string[],
    window: { from: number; to: number },
  ) {
    this.floating = { rule: { kind: 'iana', zone: floating }, label: floating };
    // A UTC time says when, not where: only the feed's own declared zone may label it, never the user's.
    this.utcLabel = calendarZone;
    // An event that ends in the window may start days before it; the steady-day rule looks a day further.
    this.spanFrom = window.from - SPAN_MARGIN_MS;
    this.spanTo = window.to + SPAN_MARGIN_MS;
  }

  /**
   * An IANA zone's offsets over the window, worked out at its first instant (prepareZoneSpan, which keeps one table
   * per zone for every feed read after: a worker refreshing its feeds, the command line reading several).
   */
  private prepare(zone: ResolvedZone): void {
    if (zone === this.prepared || zone.rule.kind !== 'iana') return;
    this.prepared = zone;
    prepareZoneSpan(zone.rule.zone, this.spanFrom, this.spanTo);
  }

  resolve(tzid: string): ResolvedZone {
    const cached = this.cache.get(tzid);
    if (cached) return cached;
    let resolved = this.lookup(tzid);
    if (!resolved) {
      resolved = this.floating;
      if (!this.unknown.has(tzid)) {
        this.unknown.add(tzid);
        this.warnings.push(`Unknown time zone "${tzid.slice(0, 60)}": times read in ${this.floating.label}.`);
      }
    }
    this.cache.set(tzid, resolved);
    return resolved;
  }

  /** Whether resolve(tzid) would warn of nothing: it is resolved already, or is a zone we know. */
  resolvesQuietly(tzid: string): boolean {
    if (this.cache.has(tzid)) return true;
    const resolved = this.lookup(tzid);
    if (resolved) this.cache.set(tzid, resolved);
    return resolved !== null;
  }

  private lookup(tzid: string): ResolvedZone | null {
    let resolved: ResolvedZone | null = null;
    const iana = ianaZoneForTzid(tzid);
    if (iana) resolved = { rule: { kind: 'iana', zone: iana }, label: iana };
    const vtimezone = this.vtimezones.get(tzid) ?? this.vtimezones.get(tzid.replace(/^["']|["']$/g, ''));
    if (!resolved && vtimezone) {
      const location = (vtimezone[1] as unknown[]).find((p) => Array.isArray(p) && p[0] === 'x-lic-location') as JProp | undefined;
      const named = ianaZoneForTzid(str(location?.[3]));
      if (named) resolved = { rule: { kind: 'iana', zone: named }, label: named };
      else {
        const rule = vtimezoneRule(vtimezone);
        if (rule) resolved = { rule, label: null };
      }
    }
    return resolved;
  }

  /** Instant of a timed When; floating times use `floatingZone` (the master's zone for EXDATE/RDATE/RECURRENCE-ID). */
  instant(when: When & { allDay: false }, floatingZone: ResolvedZone = this.floating): number {
    const w = when.wall;
    if (when.utc) return wallKey(w);
    const zone = when.tzid ? this.resolve(when.tzid) : floatingZone;
    this.prepare(zone);
    return wallToUtcMs(w, zone.rule);
  }

  /** The zone whose wall clock nominal days ("P1D") of a timed start count in; null for UTC times. */
  zoneOf(when: When & { allDay: false }, floatingZone: ResolvedZone = this.floating): ResolvedZone | null {
    if (when.utc) return null;
    return when.tzid ? this.resolve(when.tzid) : floatingZone;
  }

  /** `startMs` + a duration whose days are nominal in `zone` (RFC 5545 §3.3.6); UTC days are 24 hours. */
  add(startMs: number, duration: Duration, zone: ResolvedZone | null): number {
    if (duration.days === 0 || !zone) return addDuration(startMs, duration, null);
    if (zone.rule.kind === 'iana') return addDuration(startMs, duration, zone.rule.zone);
    const wall = utcWallIn(startMs, zone, true);
    return wallToUtcMs(addDaysToWall(wall, duration.days), zone.rule) + duration.ms;
  }

  label(when: When): string | null {
    if (when.allDay) return null;
    if (when.utc) return this.utcLabel;
    return when.tzid ? this.resolve(when.tzid).label : this.floating.label;
  }

  /** Midnight of an all-day date in the feed's zone, for window tests only. */
  dateMs(date: string): number {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return zonedTimeToUtcMs({ year: y, month: m, day: d, hour: 0, minute: 0, second: 0 }, (this.floating.rule as { zone: string }).zone);
  }
}

export function wallKeyIn(ms: number, zone: ResolvedZone | null): number {
  if (!zone) return ms;
  const wall = zone.rule.kind === 'iana' ? null : utcWallIn(ms, zone, true);
  if (!wall) return ms + zoneOffsetMs(ms, (zone.rule as { zone: string }).zone);
  return wallKey(wall);
}

export function utcWallIn(ms: number, zone: ResolvedZone, withTime = false): WallTime {
  if (zone.rule.kind === 'iana') {
    const offset = zoneOffsetMs(ms, zone.rule.zone);
    const d = new Date(ms + offset);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0 };
  }
  const utc = new ICAL.Time({ year: 1970, month: 1, day: 1, isDate: false }, ICAL.Timezone.utcTimezone);
  utc.fromUnixTime(ms / 1000);
  const t = utc.convertToZone(zone.rule.timezone);
  return withTime
    ? { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second }
    : { year: t.year, month: t.month, day: t.day, hour: 0, minute: 0, second: 0 };
}
