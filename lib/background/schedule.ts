/**
 * When feeds are fetched. Alarms survive worker restarts and updates, so they are created only when missing
 * (re-creating one at every worker start would push it back forever and it would never fire) and re-created
 * on install/update or when the period setting changes. Sleep and stopped workers are covered by refreshing
 * whatever is overdue at every worker start and alarm, by comparing each feed's last attempt with the period.
 */
import type { browser } from 'wxt/browser';
import { MAX_REFRESH_MINUTES, MIN_REFRESH_MINUTES } from '../settings';
import type { FeedState } from '../storage';

export const REFRESH_ALARM = 'refresh';
/** One-off alarm for the earliest retry of a failing feed. */
export const RETRY_ALARM = 'retry';

const MINUTE = 60_000;
/** Alarms fire a little early or late; a feed fetched 59.5 minutes ago is due on a 60-minute alarm. */
const DUE_SLACK_MS = 2 * MINUTE;
const BACKOFF_BASE_MS = 5 * MINUTE;
const BACKOFF_CAP_MS = 6 * 60 * MINUTE;
/** Chrome runs alarms at most every 30 s. */
export const MIN_ALARM_DELAY_MS = 30_000;

type Alarms = typeof browser.alarms;

export function clampRefreshMinutes(minutes: number): number {
  if (!Number.isFinite(minutes)) return 60;
  return Math.min(MAX_REFRESH_MINUTES, Math.max(MIN_REFRESH_MINUTES, Math.round(minutes)));
}

/** Creates the refresh alarm only when it is missing, or re-creates it (install, update, new period). */
export async function ensureRefreshAlarm(alarms: Alarms, minutes: number, recreate = false): Promise<void> {
  const period = clampRefreshMinutes(minutes);
  const existing = await alarms.get(REFRESH_ALARM);
  if (existing && !recreate && existing.periodInMinutes === period) return;
  if (existing) await alarms.clear(REFRESH_ALARM);
  await alarms.create(REFRESH_ALARM, { delayInMinutes: period, periodInMinutes: period });
}

/** 5 min, 10, 20 … capped at 6 h: a flaky server is retried soon, a dead one rarely. */
export function backoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
}

/**
 * A failing feed is due when its backoff has passed; a healthy one when the period (or the feed's own
 * REFRESH-INTERVAL, kept in nextAttemptAfter) has passed since its last attempt.
 */
export function isFeedDue(state: FeedState, now: number, refreshMinutes: number): boolean {
  const notBefore = state.nextAttemptAfter ? Date.parse(state.nextAttemptAfter) : 0;
  if (now < notBefore) return false;
  if (state.failures > 0 || !state.lastAttempt) return true;
  return now - Date.parse(state.lastAttempt) >= clampRefreshMinutes(refreshMinutes) * MINUTE - DUE_SLACK_MS;
}

/** One alarm at the earliest retry of a failing feed; cleared when nothing is failing. */
export async function scheduleRetryAlarm(alarms: Alarms, states: FeedState[], now: number): Promise<void> {
  const retries = states
    .filter((state) => state.failures > 0 && state.nextAttemptAfter)
    .map((state) => Date.parse(state.nextAttemptAfter as string));
  if (retries.length === 0) {
    await alarms.clear(RETRY_ALARM);
    return;
  }
  const when = Math.max(Math.min(...retries), now + MIN_ALARM_DELAY_MS);
  const existing = await alarms.get(RETRY_ALARM);
  if (existing && Math.abs(existing.scheduledTime - when) < 1000) return;
  await alarms.create(RETRY_ALARM, { when });
}
