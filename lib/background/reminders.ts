/**
 * Reminders before starred events. One alarm ('reminder') is set for the earliest reminder due; when it
 * fires, and at every worker start (the computer may have slept through it), every reminder whose time has
 * come and whose event has not started yet is sent once (remindedAt), and the alarm is set for the next one.
 * This needs a single alarm whatever the number of stars, and never depends on the refresh period.
 */
import type { browser } from 'wxt/browser';
import type { StarredSnapshot } from '../storage';
import { eventStartMs } from '../time';
import { MIN_ALARM_DELAY_MS } from './schedule';

export const REMINDER_ALARM = 'reminder';

function reminderStart(snapshot: StarredSnapshot, zone: string): number | null {
  // An all-day event has no hour to be reminded before.
  if (snapshot.start.length === 10 || snapshot.status === 'cancelled' || snapshot.remindedAt) return null;
  return eventStartMs(snapshot.start, zone);
}

export function dueReminders(
  starred: Record<string, StarredSnapshot>,
  reminderMinutes: number,
  now: number,
  zone: string,
): StarredSnapshot[] {
  if (reminderMinutes <= 0) return [];
  return Object.values(starred).filter((snapshot) => {
    const start = reminderStart(snapshot, zone);
    return start !== null && start > now && start - reminderMinutes * 60_000 <= now;
  });
}

export function nextReminderTime(
  starred: Record<string, StarredSnapshot>,
  reminderMinutes: number,
  now: number,
  zone: string,
): number | null {
  if (reminderMinutes <= 0) return null;
  const times = Object.values(starred)
    .map((snapshot) => reminderStart(snapshot, zone))
    .filter((start): start is number => start !== null && start > now)
    .map((start) => start - reminderMinutes * 60_000)
    .filter((when) => when > now);
  return times.length > 0 ? Math.min(...times) : null;
}

export async function scheduleReminderAlarm(alarms: typeof browser.alarms, when: number | null, now: number): Promise<void> {
  if (when === null) {
    await alarms.clear(REMINDER_ALARM);
    return;
  }
  const at = Math.max(when, now + MIN_ALARM_DELAY_MS);
  const existing = await alarms.get(REMINDER_ALARM);
  if (existing && Math.abs(existing.scheduledTime - at) < 1000) return;
  await alarms.create(REMINDER_ALARM, { when: at });
}
