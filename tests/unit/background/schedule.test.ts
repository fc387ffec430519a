import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backoffMs, clampRefreshMinutes, ensureRefreshAlarm, isFeedDue, REFRESH_ALARM } from '../../../lib/background/schedule';
import { EMPTY_FEED_STATE, type FeedState } from '../../../lib/storage';

const NOW = Date.parse('2026-11-24T09:00:00Z');
const ago = (minutes: number) => new Date(NOW - minutes * 60_000).toISOString();
const inMinutes = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

describe('isFeedDue', () => {
  it.each<[string, Partial<FeedState>, number, boolean]>([
    ['never fetched', {}, 60, true],
    ['fetched 61 min ago, period 60', { lastAttempt: ago(61) }, 60, true],
    ['fetched 59 min ago (alarm slack)', { lastAttempt: ago(59) }, 60, true],
    ['fetched 30 min ago', { lastAttempt: ago(30) }, 60, false],
    ['the feed asks for 6 h (REFRESH-INTERVAL)', { lastAttempt: ago(120), nextAttemptAfter: inMinutes(240) }, 60, false],
    ['failing, backoff not over', { lastAttempt: ago(2), failures: 1, nextAttemptAfter: inMinutes(3) }, 60, false],
    ['failing, backoff over', { lastAttempt: ago(5), failures: 1, nextAttemptAfter: ago(0) }, 60, true],
    ['period below 15 min is read as 15', { lastAttempt: ago(10) }, 5, false],
  ])('%s → %s', (_, state, period, due) => {
    expect(isFeedDue({ ...EMPTY_FEED_STATE, ...state }, NOW, period)).toBe(due);
  });
});

describe('backoffMs', () => {
  it.each([
    [0, 0],
    [1, 5],
    [2, 10],
    [4, 40],
    [7, 320],
    [8, 360],
    [30, 360],
  ])('%i failures → %i min', (failures, minutes) => {
    expect(backoffMs(failures)).toBe(minutes * 60_000);
  });
});

describe('clampRefreshMinutes', () => {
  it.each([
    [1, 15],
    [15, 15],
    [90, 90],
    [5000, 1440],
    [Number.NaN, 60],
  ])('%d → %d', (input, expected) => {
    expect(clampRefreshMinutes(input)).toBe(expected);
  });
});

describe('ensureRefreshAlarm', () => {
  it('asks first and creates only what is missing', async () => {
    await ensureRefreshAlarm(fakeBrowser.alarms, 60);
    const created = await fakeBrowser.alarms.get(REFRESH_ALARM);
    await fakeBrowser.alarms.create('other', { delayInMinutes: 1 });
    await ensureRefreshAlarm(fakeBrowser.alarms, 60);
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toEqual(created);
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(2);
  });
});
