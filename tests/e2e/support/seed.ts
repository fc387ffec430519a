/**
 * Puts the extension in a known state through its own channels: the settings item in storage (what the options
 * page writes) and the background's `addFeed` / `refreshAll` messages (what the options page and popup send).
 */
import type { FeedConfig, Settings } from '../../../lib/settings';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import type { RefreshSummary } from '../../../lib/messages';
import type { FixtureServer } from '../../../scripts/fixture-server';
import { CAEN, sampleFeed } from '../../fixtures/sample-feeds/sample-feeds';
import type { ExtensionSession } from './extension';

/** chrome.storage.local key of lib/storage.ts's `local:settings` item. */
export const SETTINGS_KEY = 'settings';

export async function seedSettings(session: ExtensionSession, overrides: Partial<Settings> = {}): Promise<Settings> {
  const current = (await session.storageGet([SETTINGS_KEY]))[SETTINGS_KEY] as Partial<Settings> | undefined;
  const settings: Settings = { ...DEFAULT_SETTINGS, ...current, city: { ...CAEN }, ...overrides };
  await session.storageSet({ [SETTINGS_KEY]: settings });
  return settings;
}

/** Adds sample feeds the way the options page does once the user confirms a preview; returns their configs. */
export async function addSampleFeeds(
  session: ExtensionSession,
  server: FixtureServer,
  keys: readonly string[],
  copy?: number,
): Promise<Map<string, FeedConfig>> {
  const added = new Map<string, FeedConfig>();
  for (const key of keys) {
    const feed = sampleFeed(key);
    const config = await session.send<FeedConfig>('addFeed', {
      url: server.url(key, copy),
      name: copy === undefined ? feed.name : `${feed.name} ${copy}`,
      home: feed.home,
    });
    added.set(copy === undefined ? key : `${key}@${copy}`, config);
  }
  return added;
}

export async function refreshAll(session: ExtensionSession): Promise<RefreshSummary> {
  return session.send<RefreshSummary>('refreshAll', undefined, 120_000);
}
