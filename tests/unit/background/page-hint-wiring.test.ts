/** The page hint through the real entrypoint: listeners registered by startBackground, on the fake browser. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background/index';
import { runningBackground } from '../../../lib/background/worker';
import { DEFAULT_SETTINGS } from '../../../lib/settings';
import { settingsItem } from '../../../lib/storage';
import { translator } from './support';

const PAGE = 'https://agenda.example.org/';
const HTML = '<html><head><link rel="alternate" type="text/calendar" href="/feed.ics" title="Agenda"></head><body></body></html>';

let executeScript: ReturnType<typeof vi.fn>;

beforeEach(() => {
  Object.assign(fakeBrowser.i18n, { getMessage: translator('en'), getUILanguage: () => 'en-GB' });
  executeScript = vi.fn(async () => [{ frameId: 0, result: { html: HTML, url: PAGE } }]);
  Object.assign(fakeBrowser.scripting, { executeScript });
  Object.assign(fakeBrowser.permissions, { contains: vi.fn(async () => true) });
});

afterEach(() => {
  runningBackground()?.stop();
});

async function idle(): Promise<void> {
  await runningBackground()?.idle();
}

describe('page feed hint in the worker', () => {
  it('reads no page while the setting is off, then hints on the tab once it is on, and clears when turned off', async () => {
    background.main();
    await idle();
    const tab = await fakeBrowser.tabs.create({ url: PAGE, active: true });
    await fakeBrowser.tabs.onUpdated.trigger(tab.id!, { status: 'complete' }, tab);
    await idle();
    expect(executeScript).not.toHaveBeenCalled();
    expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id! })).toBe(await fakeBrowser.action.getBadgeText({}));

    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pageFeedHint: true });
    await idle();
    expect(executeScript).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: tab.id } }));
    expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id! })).toBe('+');
    expect(await fakeBrowser.action.getTitle({ tabId: tab.id! })).toMatch(/^Feeds on this page you have not added: 1/);

    await settingsItem.setValue({ ...DEFAULT_SETTINGS, pageFeedHint: false });
    await idle();
    expect(await fakeBrowser.action.getBadgeText({ tabId: tab.id! })).toBe(await fakeBrowser.action.getBadgeText({}));
  });
});
