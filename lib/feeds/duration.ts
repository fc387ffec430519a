/**
 * Durations as RFC 5545 (§3.3.6) and ISO 8601 write them ("P1D", "PT1H30M", "P1W", "-PT15M"), kept in two parts:
 * days and weeks are *nominal* (the same wall time N days later, 23 or 25 hours across a DST change), hours,
 * minutes and seconds are exact. Adding "P1D" as 86,400,000 ms puts the end of an event that starts the day
 * before a DST change an hour off.
 */
import { addNominalDays } from '../time';

export interface Duration {
  /** Nominal days (weeks count 7), signed. */
  days: number;
  /** Exact part in ms, signed like `days`. */
  ms: number;
}

const DAY = 86_400_000;
const DURATION_RE = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/** Reads a duration, or null when it is not one ("P", "PT", "P1DT" and garbage are refused). */
export function parseDuration(value: string | null | undefined): Duration | null {
  if (!value) return null;
  const text = value.trim();
  const m = DURATION_RE.exec(text);
  if (!m || /[PT]$/i.test(text)) return null;
  const sign = m[1] === '-' ? -1 : 1;
  const days = Number(m[2] ?? 0) * 7 + Number(m[3] ?? 0);
  const ms = Number(m[4] ?? 0) * 3_600_000 + Number(m[5] ?? 0) * 60_000 + Number(m[6] ?? 0) * 1000;
  return { days: sign * days || 0, ms: sign * ms || 0 };
}

/** The duration as if every day had 24 hours: for TTLs, window margins and all-day day counts. */
export function approximateMs(duration: Duration): number {
  return duration.days * DAY + duration.ms;
}

/**
 * `startMs` + `duration`, the days counted on the wall clock of `zone` (null: a fixed offset such as UTC or
 * "+01:00", where a day is always 24 hours), then the exact part added.
 */
export function addDuration(startMs: number, duration: Duration, zone: string | null): number {
  const afterDays = zone ? addNominalDays(startMs, duration.days, zone) : startMs + duration.days * DAY;
  return afterDays + duration.ms;
}
