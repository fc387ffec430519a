/**
 * Times of day as people type them in hand-written lists, next to a separate date: "19:00", "19h30", "19h",
 * "7pm", "6:30 PM", and ranges "19:00–21:00", "19:00 - 21:00", "7pm-9pm", "7-9pm", "6:30 PM to 8 PM".
 * Anything else is refused (null): a guessed evening is worse than an event without a time.
 */

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

export interface TimeOfDayRange {
  start: TimeOfDay;
  end: TimeOfDay | null;
}

const ONE = /^(\d{1,2})(?:\s*(:|h|\.)\s*(\d{2})?(?::(\d{2}))?)?\s*(?:([ap])\.?\s*m\.?)?$/i;
const RANGE_SEPARATOR = /\s*[-–—‐‑]\s*|\s+(?:to|until|till|à|bis)\s+/i;

interface Parsed extends TimeOfDay {
  meridiem: 'a' | 'p' | null;
}

/** `bare`: a lone hour is accepted (the start of "7-9pm", which the end's "pm" makes a time). */
function parseOne(text: string, bare = false): Parsed | null {
  const m = ONE.exec(text.trim());
  if (!m) return null;
  const [, h, separator, min, sec, meridiem] = m;
  // A bare "19" says nothing about being a time; "19h", "19:00" and "7pm" do.
  if (!separator && !meridiem && !bare) return null;
  if (separator && separator !== 'h' && min === undefined) return null;
  const hour = Number(h);
  const minute = Number(min ?? 0);
  const second = Number(sec ?? 0);
  if (minute > 59 || second > 59 || (sec !== undefined && separator !== ':')) return null;
  if (meridiem ? hour < 1 || hour > 12 : hour > 23) return null;
  return { hour, minute, second, meridiem: meridiem ? (meridiem.toLowerCase() as 'a' | 'p') : null };
}

function to24(time: Parsed, meridiem: 'a' | 'p' | null): TimeOfDay {
  if (!meridiem) return { hour: time.hour, minute: time.minute, second: time.second };
  const hour = (time.hour % 12) + (meridiem === 'p' ? 12 : 0);
  return { hour, minute: time.minute, second: time.second };
}

/** A time of day or a range of two; the start of "7-9pm" takes the end's pm when that keeps it before the end. */
export function parseTimeOfDayRange(text: string): TimeOfDayRange | null {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 40) return null;
  const single = parseOne(trimmed);
  if (single) return { start: to24(single, single.meridiem), end: null };
  const parts = trimmed.split(RANGE_SEPARATOR);
  if (parts.length !== 2) return null;
  const second = parseOne(parts[1]!);
  const first = parseOne(parts[0]!, second?.meridiem != null);
  if (!first || !second) return null;
  const end = to24(second, second.meridiem);
  let startMeridiem = first.meridiem;
  if (!startMeridiem && second.meridiem && first.hour <= 12) {
    const borrowed = to24(first, second.meridiem);
    startMeridiem = borrowed.hour * 60 + borrowed.minute <= end.hour * 60 + end.minute ? second.meridiem : null;
  }
  return { start: to24(first, startMeridiem), end };
}

/** "HH:MM:SS" for a wall-clock ISO string. */
export function timeOfDayIso(time: TimeOfDay): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(time.hour)}:${two(time.minute)}:${two(time.second)}`;
}
