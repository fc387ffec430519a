/**
 * The popup opened as a tab would see itself as "the active tab": this makes its `tabs.query({ active: true })`
 * answer another tab (a group's page), which is what the toolbar popup sees over that page.
 */
import type { Page } from 'playwright-core';
import type { Browser } from '@wxt-dev/browser';

export async function seeTabAsActive(page: Page, tabId: number): Promise<void> {
  await page.addInitScript((id) => {
    const tabs = (globalThis as unknown as { chrome: typeof Browser }).chrome.tabs;
    const query = tabs.query.bind(tabs);
    tabs.query = ((info: Browser.tabs.QueryInfo) =>
      info.active ? Promise.resolve([{ id } as Browser.tabs.Tab]) : query(info)) as typeof tabs.query;
  }, tabId);
}
