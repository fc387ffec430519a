/**
 * The span of time the extension reads and keeps: from a day ago (an event that started last night may still
 * be running, and a feed refreshed after midnight must not lose it) to 180 days ahead (what a meetup group
 * plans; further out, recurring series only add noise and storage). Readers, the CLI and the background all
 * take their window from here. No imports: the readers and the CLI load it without the rest of the rule.
 */
const DAY_MS = 86_400_000;

/** How far back the window starts. */
export const WINDOW_BEFORE_MS = DAY_MS;
/** How far ahead the window ends. */
export const WINDOW_AHEAD_DAYS = 180;
export const WINDOW_AHEAD_MS = WINDOW_AHEAD_DAYS * DAY_MS;

export interface TimeWindow {
  /** First instant, ms. */
  from: number;
  /** Last instant, ms. */
  to: number;
}

/** The default window around `now`: now − 1 day … now + 180 days. */
export function defaultWindow(now: number): TimeWindow {
  return { from: now - WINDOW_BEFORE_MS, to: now + WINDOW_AHEAD_MS };
}

/**
 * A window of which the user gave one end, the other one filled in: a start alone runs for 180 days, an end
 * alone starts a day ago (or at the end itself, when that is earlier). Null when neither end was given.
 */
export function completeWindow(from: number | null, to: number | null, now: number): TimeWindow | null {
  if (from === null && to === null) return null;
  const start = from ?? Math.min(now - WINDOW_BEFORE_MS, to as number);
  return { from: start, to: to ?? start + WINDOW_AHEAD_MS };
}
